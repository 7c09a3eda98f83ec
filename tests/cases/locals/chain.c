// Personal data flows through a chain of initializations and assignments.
#include <piiflow.h>

struct user {
	int id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);

void on_signup(const struct user *u)
{
	const char *primary = u->email;
	const char *contact = primary;
	const char *payload;

	payload = contact;
	adkit_track("signup", payload); // expect: pii-to-advertising(user.contact.email)
}
