// The conditional operator is tainted when either branch is.
#include <piiflow.h>

struct user {
	long id;
	int opted_in;
	char email[64] PII(user.contact.email);
	char name[64] PII(user.name);
};

void adkit_track(const char *event, const char *payload AD_SINK);

void on_login(const struct user *u)
{
	adkit_track("login", u->opted_in ? "opted-in" : u->email); // expect: pii-to-advertising(user.contact.email)
	adkit_track("greet", u->opted_in ? u->name : "friend"); // expect: pii-to-advertising(user.name)
}
