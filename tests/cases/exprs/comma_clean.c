// The left operand of a comma is discarded: its taint does not reach the
// result.
// expect-none
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);
int audit_log(const char *line);

void on_login(const struct user *u)
{
	const char *label = (audit_log(u->email), "login");

	adkit_track("event", label);
}
