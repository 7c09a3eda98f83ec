// Consent as a conjunct of && (on either side) covers the guarded call.
#include <piiflow.h>
#include <stdbool.h>

struct user {
	long id;
	bool active;
	char email[64] PII(user.contact.email);
};

PII_CONSENT(advertising) bool ad_consent(const struct user *u);
void adkit_track(const char *event, const char *payload AD_SINK);

void on_login(const struct user *u)
{
	if (ad_consent(u) && u->active)
		adkit_track("login", u->email); // expect-accepted: pii-to-advertising by consent
	if (u->active && ad_consent(u))
		adkit_track("active", u->email); // expect-accepted: pii-to-advertising by consent
}
