// A purpose switched off in the config is not reported at all, not even as
// accepted; the other purposes keep the default, error.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

PII_CONSENT(analytics) int stats_consent(const struct user *u);
void stats_tag(const char *tag ANALYTICS_SINK);
void adkit_track(const char *event, const char *payload AD_SINK);

void on_login(const struct user *u)
{
	stats_tag(u->email);
	if (stats_consent(u))
		stats_tag(u->email);
	adkit_track("login", u->email); // expect: pii-to-advertising
}
