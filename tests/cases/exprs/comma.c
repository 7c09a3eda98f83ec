// The comma operator yields its right operand, with its taint.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);
void audit_log(const char *line);

void on_login(const struct user *u)
{
	const char *who = (audit_log("login"), u->email);

	adkit_track("login", who); // expect: pii-to-advertising(user.contact.email)
}
