// A loop over an array of function pointers calls each handler.
#include <piiflow.h>
#include <stddef.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void audit_log(const char *line);
ANALYTICS_SINK void stats_event(const char *name, const char *value);

static void log_handler(const char *who) { audit_log(who); }
static void stats_handler(const char *who)
{
	stats_event("signup", who); // expect: pii-to-analytics(user.contact.email)
}

static void (*const on_signup_handlers[])(const char *) = { log_handler, stats_handler };

void on_signup(const struct user *u)
{
	for (size_t i = 0; i < sizeof on_signup_handlers / sizeof on_signup_handlers[0]; i++)
		on_signup_handlers[i](u->email);
}
