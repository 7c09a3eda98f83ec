// Consent for analytics covers the analytics sink, never the ad sink.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

PII_CONSENT(analytics) int analytics_consent(const struct user *u);
void adkit_track(const char *event, const char *payload AD_SINK);
void stats_track(const char *event, const char *payload ANALYTICS_SINK);

void on_login(const struct user *u)
{
	if (analytics_consent(u)) {
		stats_track("login", u->email); // expect-accepted: pii-to-analytics by consent
		adkit_track("login", u->email); // expect: pii-to-advertising(user.contact.email)
	}
}
