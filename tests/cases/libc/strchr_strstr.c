// strchr and strstr return pointers into their personal first argument.
#include <piiflow.h>
#include <string.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
	char address[128] PII(user.contact.address);
};

ANALYTICS_SINK void stats_event(const char *name, const char *value);

void report(const struct user *u)
{
	const char *at = strchr(u->email, '@');
	const char *city = strstr(u->address, ", ");

	if (at != NULL)
		stats_event("domain", at + 1); // expect: pii-to-analytics(user.contact.email)
	if (city != NULL)
		stats_event("city", city + 2); // expect: pii-to-analytics(user.contact.address)
}
