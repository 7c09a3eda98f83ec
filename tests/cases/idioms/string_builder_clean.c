// expect-none
// The same builders: one buffer receives personal data and is kept, another
// receives only constants and is sent.
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

void keep(struct sbuf *sb);

void send_greeting(const struct user *u)
{
	struct sbuf names = {0, 0, NULL};
	struct sbuf event = {0, 0, NULL};
	sbuf_addstr(&names, u->name);
	sbuf_addstr(&event, "greeting");
	stats_send(event.buf);
	keep(&names);
}
