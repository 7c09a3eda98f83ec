// A consent local reassigned before the test no longer proves consent.
#include <piiflow.h>

struct user {
	long id;
	int legacy_account;
	char email[64] PII(user.contact.email);
};

PII_CONSENT(advertising) int ad_consent(const struct user *u);
void adkit_track(const char *event, const char *payload AD_SINK);

void on_login(const struct user *u)
{
	int allowed = ad_consent(u);

	if (u->legacy_account)
		allowed = 1;
	if (allowed)
		adkit_track("login", u->email); // expect: pii-to-advertising(user.contact.email)
}
