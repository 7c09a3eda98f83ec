// A string builder that starts pointing at a shared one-character array
// (git's strbuf_slopbuf, declared with no size in the header) and moves to
// the heap on its first append: the two builders do not share what is
// appended through the sentinel, which can hold a terminator at most.
#include <stdlib.h>
#include <string.h>
#include <piiflow.h>

struct user {
	char email[64] PII(user.contact.email);
	int visits;
};

void stats_event(const char *payload ANALYTICS_SINK);

extern char sb_slopbuf[];
char sb_slopbuf[1];

struct sbuf {
	size_t alloc, len;
	char *buf;
};

#define SBUF_INIT {0, 0, sb_slopbuf}

static void sb_grow(struct sbuf *sb, size_t extra)
{
	int new_buf = !sb->alloc;
	if (new_buf)
		sb->buf = NULL;
	if (sb->len + extra + 1 > sb->alloc) {
		sb->alloc = sb->len + extra + 1;
		sb->buf = realloc(sb->buf, sb->alloc);
	}
	if (new_buf)
		sb->buf[0] = '\0';
}

static void sb_add(struct sbuf *sb, const char *s)
{
	size_t n = strlen(s);
	sb_grow(sb, n);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void report(const struct user *u)
{
	struct sbuf who = SBUF_INIT, page = SBUF_INIT;
	sb_add(&who, u->email);
	sb_add(&page, "home");
	stats_event(page.buf);
	stats_event(who.buf); // expect: pii-to-analytics(user.contact.email)
}
