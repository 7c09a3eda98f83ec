// A suppression with a reason on the line above the sink accepts its flow,
// which stays listed in accepted[] with the reason for an auditor.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);

void on_login(const struct user *u)
{
	// piiflow-allow(pii-to-advertising): partner contract ADS-12, reviewed by privacy
	adkit_track("login", u->email); // expect-accepted: pii-to-advertising by suppression
	adkit_track("again", u->email); // expect: pii-to-advertising
}
