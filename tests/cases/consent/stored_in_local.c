// A consent result kept in a local that is not reassigned before the test
// still counts.
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
	int allowed = ad_consent(u);

	audit_log(allowed ? "consent" : "no consent");
	if (allowed)
		adkit_track("login", u->email); // expect-accepted: pii-to-advertising by consent(ad_consent:16)
}
