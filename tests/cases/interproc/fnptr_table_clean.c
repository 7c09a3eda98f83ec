// A handler table called with clean data is clean, though its sink-holding
// handler exists and personal data is at hand.
// expect-none
#include <piiflow.h>
#include <stddef.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void mail_send(const char *to);
ANALYTICS_SINK void stats_event(const char *name, const char *value);

struct handler {
	const char *name;
	void (*fn)(const char *arg);
};

static void stats_handler(const char *arg) { stats_event("signup", arg); }
static const struct handler handlers[] = { { "stats", stats_handler } };

void on_signup(const struct user *u)
{
	mail_send(u->email);
	for (size_t i = 0; i < sizeof handlers / sizeof handlers[0]; i++)
		handlers[i].fn("web");
}
