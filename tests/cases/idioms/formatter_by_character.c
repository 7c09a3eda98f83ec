// A printf of the project's own (curl's dprintf_formatf behind
// Curl_dyn_addf): the variadic arguments are parked in a table with
// va_arg, then written one character at a time through a callback into a
// buffer that grows. The buffer holds what was formatted into it.
#include <piiflow.h>
#include <stdarg.h>
#include <stdio.h>

struct user {
	long id;
	const char *email PII(user.contact.email);
};

ANALYTICS_SINK void stats_event(const char *v);

struct va_slot {
	union {
		const char *str;
		long num;
	} data;
};

struct strbuf {
	char b[256];
	int n;
};

static int addbyter(int c, FILE *data)
{
	struct strbuf *sb = (struct strbuf *)data;
	sb->b[sb->n++] = (char)c;
	return 0;
}

static void pass1(const char *fmt, struct va_slot *vto, va_list args)
{
	int i = 0;
	while (*fmt)
		if (*fmt++ == '%')
			vto[i++].data.str = va_arg(args, const char *);
}

static int formatf(void *data, int (*stream)(int, FILE *), const char *format, va_list ap)
{
	struct va_slot vto[8];
	pass1(format, vto, ap);
	const char *str = vto[0].data.str;
	while (*str)
		stream(*str++, (FILE *)data);
	return 0;
}

static int sb_vaddf(struct strbuf *sb, const char *format, va_list ap)
{
	return formatf(sb, addbyter, format, ap);
}

static int sb_addf(struct strbuf *sb, const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	int r = sb_vaddf(sb, format, ap);
	va_end(ap);
	return r;
}

void report(const struct user *u)
{
	struct strbuf who = {{0}, 0};
	sb_addf(&who, "%s", u->email);
	stats_event(who.b); // expect: pii-to-analytics(user.contact.email)
}
