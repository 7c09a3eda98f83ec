// va_arg on a va_list that a variadic function handed to a helper of the
// project's own: the helper reads the caller's variadic arguments (curl's
// dprintf_Pass1 parks them in a table this way).
#include <piiflow.h>
#include <stdarg.h>

struct user {
	long id;
	const char *email PII(user.contact.email);
};

ANALYTICS_SINK void stats_event(const char *v);

struct slot {
	const char *str;
};

static void park(struct slot *to, va_list args)
{
	to[0].str = va_arg(args, const char *);
}

static void collect(struct slot *to, ...)
{
	va_list ap;

	va_start(ap, to);
	park(to, ap);
	va_end(ap);
}

void report(const struct user *u)
{
	struct slot s[2];

	collect(s, u->email);
	stats_event(s[0].str); // expect: pii-to-analytics(user.contact.email)
}
