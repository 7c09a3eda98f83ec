// Two sources formatted into one buffer give one finding that lists both.
#include <piiflow.h>
#include <stdio.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
	char ip[46] PII(user.device.ip_address);
};

ANALYTICS_SINK void stats_event(const char *name, const char *value);

void on_request(const struct user *u)
{
	char line[160];

	snprintf(line, sizeof line, "%s from %s", u->email, u->ip);
	stats_event("request", line); // expect: pii-to-analytics(user.contact.email), pii-to-analytics(user.device.ip_address)
}
