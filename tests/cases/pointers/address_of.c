// Reading through p = &x reads x's personal data.
#include <piiflow.h>

struct user {
	long id;
	int zip PII(user.contact.address.postal_code);
};

AD_SINK void adkit_metric(const char *name, long value);

void on_checkout(const struct user *u)
{
	long zip = u->zip;
	const long *p = &zip;

	adkit_metric("zip", *p); // expect: pii-to-advertising(user.contact.address.postal_code)
}
