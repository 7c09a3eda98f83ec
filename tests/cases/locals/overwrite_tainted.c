// Flow-sensitivity cuts both ways: the last assignment before the sink wins.
#include <piiflow.h>

struct user {
	int id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);

void on_login(const struct user *u)
{
	const char *who = "anonymous";

	adkit_track("login", who);
	who = u->email;
	adkit_track("login", who); // expect: pii-to-advertising(user.contact.email)
}
