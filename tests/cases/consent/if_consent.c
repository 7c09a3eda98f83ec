// A sink call inside if (consent(...)) is accepted by consent.
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
		adkit_track("login", u->email); // expect-accepted: pii-to-advertising(user.contact.email) by consent(ad_consent:14)
	}
}
