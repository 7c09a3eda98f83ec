// Pins down SPEC section 4 read literally: a suppression covers the line it
// is on and the line below, so a trailing one also covers a sink on the next
// line. Leave a line between calls that are judged differently.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);

void on_login(const struct user *u)
{
	adkit_track("a", u->email); /* piiflow-allow(pii-to-advertising): campaign A */ // expect-accepted: pii-to-advertising by suppression
	adkit_track("b", u->email); // expect-accepted: pii-to-advertising by suppression

	adkit_track("c", u->email); // expect: pii-to-advertising
}
