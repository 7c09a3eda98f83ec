// A function-local static keeps personal data from one call to the next.
#include <piiflow.h>
#include <string.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

ANALYTICS_SINK void stats_event(const char *name, const char *value);

void on_login(const struct user *u)
{
	static char previous[64] = "none";

	stats_event("previous_login", previous); // expect: pii-to-analytics(user.contact.email)
	strncpy(previous, u->email, sizeof previous - 1);
}
