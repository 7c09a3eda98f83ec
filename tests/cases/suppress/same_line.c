// A suppression in a block comment on the sink's own line; several rules in
// one comment, and a glob of rule ids.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);
void stats_event(const char *name, const char *value ANALYTICS_SINK);

void on_login(const struct user *u)
{
	adkit_track("a", u->email); /* piiflow-allow(pii-to-advertising): contract */ // expect-accepted: pii-to-advertising by suppression
	stats_event("b", u->email); /* piiflow-allow(pii-to-marketing, pii-to-analytics): DPA */ // expect-accepted: pii-to-analytics by suppression
	stats_event("c", u->email); /* piiflow-allow(pii-to-*): reviewed 2024-05 */ // expect-accepted: pii-to-analytics by suppression
}
