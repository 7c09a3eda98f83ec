// The failing arm of an assertion macro ends the program
// (`x ? (void)0 : (fail(...), __builtin_unreachable())`, as redis's
// serverAssert): what it writes is never read after it.
// expect-none
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

ANALYTICS_SINK void stats_event(const char *value);

static const char *failed_on;

void fail(const char *what);

#define check(x, why) ((x) ? (void)0 : (failed_on = (why), fail(#x), __builtin_unreachable()))

void report(const struct user *u, const char *label)
{
	const char *v = label;

	check(label != 0, v = u->email);
	stats_event(v);
	stats_event(failed_on);
}
