// Personal data only in the condition does not flow to the result: like
// CodeQL's taint tracking, piiflow follows data, not control dependence.
// expect-none
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);

void on_login(const struct user *u)
{
	const char *has_email = u->email[0] != '\0' ? "yes" : "no";

	adkit_track("has_email", has_email);
}
