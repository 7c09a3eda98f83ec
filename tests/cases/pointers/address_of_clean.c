// A pointer moved to another variable no longer reads the first one.
// expect-none
#include <piiflow.h>

struct user {
	long id;
	int zip PII(user.contact.address.postal_code);
};

AD_SINK void adkit_metric(const char *name, long value);

void on_checkout(const struct user *u, long cart_total)
{
	long zip = u->zip;
	long total = cart_total;
	const long *p = &zip;

	p = &total;
	adkit_metric("total", *p);
}
