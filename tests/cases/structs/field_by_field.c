// Fields are tracked one by one: the id of a struct that holds an e-mail
// address is clean, the address is not.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

AD_SINK void adkit_metric(const char *name, long value);
AD_SINK void adkit_tag(const char *name, const char *value);

void on_purchase(const struct user *u)
{
	adkit_metric("user_id", u->id);
	adkit_tag("user_email", u->email); // expect: pii-to-advertising(user.contact.email)
}
