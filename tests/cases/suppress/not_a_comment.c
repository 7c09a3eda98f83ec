// The marker counts only in comments: inside a string literal, or in prose
// without "(", it is neither a suppression nor a diagnostic.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);

void on_login(const struct user *u)
{
	/* see piiflow-allow in the README for the syntax */
	adkit_track("piiflow-allow(pii-to-advertising): no", u->email); // expect: pii-to-advertising
}
