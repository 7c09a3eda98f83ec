// A sink in the branch that did not taint the value is clean.
// expect-none
#include <piiflow.h>

struct user {
	int id;
	int verified;
	char email[64] PII(user.contact.email);
};

ANALYTICS_SINK void stats_event(const char *name, const char *value);
void mail_queue(const char *to);

void on_verify(const struct user *u)
{
	const char *who = "unverified";

	if (u->verified) {
		who = u->email;
		mail_queue(who);
	} else {
		stats_event("verify", who);
	}
}
