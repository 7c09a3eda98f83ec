// Only the variables on the chain from the source are tainted.
// expect-none
#include <piiflow.h>

struct user {
	int id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);
void audit_log(const char *line);

void on_signup(const struct user *u)
{
	const char *primary = u->email;
	const char *label = "guest";
	const char *payload = label;

	audit_log(primary);
	adkit_track("signup", payload);
}
