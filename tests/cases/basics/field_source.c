// A struct field annotated PII reaches the annotated parameter of an ad sink.
#include <piiflow.h>

struct user {
	int id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);

void on_login(const struct user *u)
{
	adkit_track("login", u->email); // expect: pii-to-advertising(user.contact.email)
}
