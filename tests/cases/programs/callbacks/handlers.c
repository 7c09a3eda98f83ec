// A callback table defined in one file and called in another.
#include <piiflow.h>
#include "handlers.h"

void audit_log(const char *line);
void adkit_track(const char *event, const char *payload AD_SINK);

static void audit_handler(const char *who)
{
	audit_log(who);
}

static void ads_handler(const char *who)
{
	adkit_track("login", who); // expect: pii-to-advertising(user.contact.email)
}

const struct handler g_handlers[] = {
	{ "audit", audit_handler },
	{ "ads", ads_handler },
};
const size_t g_nhandlers = sizeof g_handlers / sizeof g_handlers[0];
