// The config's policy narrowed by category: pseudonymous ids are allowed for
// analytics (off), but not for advertising, and other categories stay errors
// for analytics. "off" removes a finding altogether.
#include <piiflow.h>

struct user {
	long id PII(user.unique_id.pseudonymous);
	char email[64] PII(user.contact.email);
};

void stats_count(long id ANALYTICS_SINK);
void stats_tag(const char *tag ANALYTICS_SINK);
void adkit_track(const char *event, long id AD_SINK);

void on_login(const struct user *u)
{
	stats_count(u->id);
	stats_tag(u->email);      // expect: pii-to-analytics(user.contact.email)
	adkit_track("login", u->id); // expect: pii-to-advertising(user.unique_id.pseudonymous)
}
