// Pins down a choice: a suppression above a call that express consent
// already covers matches no reported flow, so it is unused-suppression. The
// consent is the record an auditor needs; the comment can go.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

PII_CONSENT(advertising) int ad_consent(const struct user *u);
void adkit_track(const char *event, const char *payload AD_SINK);

void on_login(const struct user *u)
{
	if (ad_consent(u)) {
		/* piiflow-allow(pii-to-advertising): consented */ // expect: unused-suppression
		adkit_track("login", u->email); // expect-accepted: pii-to-advertising by consent
	}
}
