// Calls through a function-pointer variable: to a sink itself, and to a
// helper that holds a sink.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);

static void ads_emit(const char *who)
{
	adkit_track("emit", who); // expect: pii-to-advertising(user.contact.email)
}

void on_login(const struct user *u)
{
	void (*track)(const char *, const char *) = adkit_track;
	void (*emit)(const char *) = ads_emit;

	track("login", u->email); // expect: pii-to-advertising(user.contact.email)
	emit(u->email);
}
