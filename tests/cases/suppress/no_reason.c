// The reason is required: a suppression without one suppresses nothing and
// is itself reported as invalid-suppression (a warning), so the finding and
// the exit code stay as they were.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);

void on_login(const struct user *u)
{
	adkit_track("a", u->email); /* piiflow-allow(pii-to-advertising) */ // expect: pii-to-advertising, invalid-suppression
	/* piiflow-allow(pii-to-advertising): */ // expect: invalid-suppression
	adkit_track("b", u->email); // expect: pii-to-advertising
}
