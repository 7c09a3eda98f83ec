// Code after an if (consent) block, or after an if (!consent) that does not
// leave, is reached without consent.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

PII_CONSENT(advertising) int ad_consent(const struct user *u);
void adkit_track(const char *event, const char *payload AD_SINK);
void audit_log(const char *line);

void on_login(const struct user *u)
{
	if (ad_consent(u))
		audit_log("ad consent given");
	adkit_track("login", u->email); // expect: pii-to-advertising(user.contact.email)
	if (!ad_consent(u))
		audit_log("no ad consent");
	adkit_track("again", u->email); // expect: pii-to-advertising(user.contact.email)
}
