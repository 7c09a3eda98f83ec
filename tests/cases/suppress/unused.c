// A suppression that matches nothing is reported as unused-suppression at
// the comment: another rule than the sink's, two lines above the sink, or
// above a call that is no longer a flow.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);

void on_login(const struct user *u)
{
	/* piiflow-allow(pii-to-analytics): dashboards */ // expect: unused-suppression
	adkit_track("a", u->email); // expect: pii-to-advertising
	/* piiflow-allow(pii-to-advertising): too far up */ // expect: unused-suppression

	adkit_track("b", u->email); // expect: pii-to-advertising
	/* piiflow-allow(pii-to-advertising): the id is not personal data */ // expect: unused-suppression
	adkit_track("c", "constant");
}
