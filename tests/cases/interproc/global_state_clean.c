// Globals are kept apart: the one sent holds only clean data.
// expect-none
#include <piiflow.h>
#include <stdio.h>
#include <string.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

ANALYTICS_SINK void stats_event(const char *name, const char *value);

static char g_last_email[64];
static char g_last_session[32];

void remember_login(const struct user *u, int session)
{
	strncpy(g_last_email, u->email, sizeof g_last_email - 1);
	snprintf(g_last_session, sizeof g_last_session, "s-%d", session);
}

void flush_stats(void)
{
	stats_event("last_session", g_last_session);
}
