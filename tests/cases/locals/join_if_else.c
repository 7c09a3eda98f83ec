// After if/else the value is tainted when any branch tainted it.
#include <piiflow.h>

struct user {
	int id;
	int verified;
	char email[64] PII(user.contact.email);
};

ANALYTICS_SINK void stats_event(const char *name, const char *value);

void on_verify(const struct user *u)
{
	const char *who;

	if (u->verified)
		who = u->email;
	else
		who = "unverified";
	stats_event("verify", who); // expect: pii-to-analytics(user.contact.email)
}
