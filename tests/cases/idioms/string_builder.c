// A string builder that grows by realloc, in the style of redis's sds and
// git's strbuf: personal data appended piece by piece reaches the sink.
#include <piiflow.h>
#include <stdlib.h>
#include <string.h>

struct user {
	long id;
	char name[64] PII(user.name);
};

ANALYTICS_SINK void stats_send(const char *what);

struct sbuf {
	size_t len, alloc;
	char *buf;
};

static void sbuf_grow(struct sbuf *sb, size_t extra)
{
	if (sb->len + extra + 1 > sb->alloc) {
		sb->alloc = (sb->len + extra + 1) * 2;
		sb->buf = realloc(sb->buf, sb->alloc);
	}
}

void sbuf_add(struct sbuf *sb, const void *data, size_t len)
{
	sbuf_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void sbuf_addstr(struct sbuf *sb, const char *s)
{
	sbuf_add(sb, s, strlen(s));
}

void send_greeting(const struct user *u)
{
	struct sbuf sb = {0, 0, NULL};
	sbuf_addstr(&sb, "hello ");
	sbuf_addstr(&sb, u->name);
	stats_send(sb.buf); // expect: pii-to-analytics(user.name)
	free(sb.buf);
}

/* sds-style: the header sits before the bytes, the caller holds a char * */
typedef char *sds;

sds sds_catlen(sds s, const void *t, size_t len)
{
	size_t cur = s ? strlen(s) : 0;
	char *h = realloc(s ? s - sizeof(size_t) : NULL, sizeof(size_t) + cur + len + 1);
	sds n = h + sizeof(size_t);
	memcpy(n + cur, t, len);
	n[cur + len] = '\0';
	return n;
}

void send_sds(const struct user *u)
{
	sds s = sds_catlen(NULL, "n=", 2);
	s = sds_catlen(s, u->name, strlen(u->name));
	stats_send(s); // expect: pii-to-analytics(user.name)
}
