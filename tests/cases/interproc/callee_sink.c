// Personal data passed as an argument reaches a sink inside the callee; the
// finding is at the sink call in the callee.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);

static void send_event(const char *name, const char *who)
{
	adkit_track(name, who); // expect: pii-to-advertising(user.contact.email)
}

void on_login(const struct user *u)
{
	send_event("login", u->email);
}
