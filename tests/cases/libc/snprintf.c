// snprintf and sprintf copy any personal argument into the buffer.
#include <piiflow.h>
#include <stdio.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
	char ip[46] PII(user.device.ip_address);
};

ANALYTICS_SINK void stats_event(const char *name, const char *value);

void on_request(const struct user *u, const char *path)
{
	char line[128];
	char where[64];

	snprintf(line, sizeof line, "%ld %s %s", u->id, path, u->email);
	stats_event("request", line); // expect: pii-to-analytics(user.contact.email)
	sprintf(where, "ip=%s", u->ip);
	stats_event("origin", where); // expect: pii-to-analytics(user.device.ip_address)
}
