// Pointer arithmetic on a clean string stays clean.
// expect-none
#include <piiflow.h>

struct client {
	char user_agent[128];
	char email[64] PII(user.contact.email);
};

ANALYTICS_SINK void stats_event(const char *name, const char *value);

void report_browser(const struct client *c)
{
	const char *p = c->user_agent;

	while (*p != '\0' && *p != '/')
		p++;
	stats_event("browser_version", p + 1);
}
