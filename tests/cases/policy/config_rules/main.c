// Rules files named in the config, relative to the config's directory, are
// loaded as --rules would load them: a sink and an anonymizer of an in-house
// library.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
	char city[32] PII(user.location.imprecise);
};

void crm_push(const char *value, int priority);
const char *region_bucket(const char *city);

void on_signup(const struct user *u)
{
	crm_push(u->email, 1); // expect: pii-to-marketing(user.contact.email)
	crm_push(region_bucket(u->city), 2);
}
