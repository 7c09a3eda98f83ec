// The twin of va_arg_of_list_param: two tables filled through the same
// helper stay apart, and the one sent holds a label only.
// expect-none
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
	struct slot label[2], mail[2];

	collect(label, "free");
	collect(mail, u->email);
	stats_event(label[0].str);
}
