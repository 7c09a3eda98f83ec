// A global written with personal data in one function is sent from another.
#include <piiflow.h>
#include <string.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

ANALYTICS_SINK void stats_event(const char *name, const char *value);

static char g_last_login[64];

void remember_login(const struct user *u)
{
	strncpy(g_last_login, u->email, sizeof g_last_login - 1);
}

void flush_stats(void)
{
	stats_event("last_login", g_last_login); // expect: pii-to-analytics(user.contact.email)
}
