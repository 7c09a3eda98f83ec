// A helper holding a sink, called only with clean arguments, is clean.
// expect-none
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);
void mail_send(const char *to);

static void send_event(const char *name, const char *who)
{
	adkit_track(name, who);
}

void on_login(const struct user *u)
{
	mail_send(u->email);
	send_event("login", "anonymous");
}
