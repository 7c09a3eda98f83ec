// A sink on a path that ends the program is still reached: the failing
// arm of the check sends the address before it aborts.
#include <piiflow.h>
#include <stdlib.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

ANALYTICS_SINK void stats_event(const char *value);

void report(const struct user *u, int ok)
{
	ok ? (void)0 : (stats_event(u->email), abort()); // expect: pii-to-analytics(user.contact.email)
	stats_event("fine");
}
