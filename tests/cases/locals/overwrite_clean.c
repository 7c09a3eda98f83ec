// Locals are flow-sensitive: a value overwritten before the sink is gone.
// expect-none
#include <piiflow.h>

struct user {
	int id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);
void audit_log(const char *line);

void on_login(const struct user *u)
{
	const char *who = u->email;

	audit_log(who);
	who = "anonymous";
	adkit_track("login", who);
}
