// An annotation on a declaration it has no meaning on is a warning where it
// is written, instead of being ignored: PII_CONSENT goes on a function,
// PII_ANONYMIZER on a function, PII_OUT on a parameter.
#include <piiflow.h>

struct user {
	int id;
	int opted_in PII_CONSENT(advertising); /* expect: misplaced-annotation */
	char email[64] PII(user.contact.email);
};

PII_ANONYMIZER const char *region_name; /* expect: misplaced-annotation */
int load_user(struct user *out) PII_OUT(user); /* expect: misplaced-annotation */

void ads_event(const char *name, const char *payload AD_SINK);

void on_login(const struct user *u)
{
	if (u->opted_in)
		ads_event("login", u->email); // expect: pii-to-advertising(user.contact.email)
	ads_event("region", region_name);
}
