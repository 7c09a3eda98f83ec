// PII on a whole variable covers everything reachable from it, with the
// annotation's category.
#include <piiflow.h>

struct session {
	char token[40];
	char country[3];
};

static struct session g_session PII(user);

ANALYTICS_SINK void stats_event(const char *name, const char *value);

void report_country(void)
{
	stats_event("country", g_session.country); // expect: pii-to-analytics(user)
}
