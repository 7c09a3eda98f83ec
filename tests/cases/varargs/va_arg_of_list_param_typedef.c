// va_arg of a type named by a typedef (libclang then shows the type as an
// operand of its own beside the list) on a va_list a variadic function
// handed to a helper: the helper still reads the caller's arguments.
#include <piiflow.h>
#include <stdarg.h>

struct user {
	long id;
	const char *email PII(user.contact.email);
};

ANALYTICS_SINK void stats_event(const char *v);

typedef const char *text;

struct slot {
	const char *str;
};

static void park(struct slot *to, va_list args)
{
	to[0].str = va_arg(args, text);
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
