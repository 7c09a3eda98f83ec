// Annotations are found through typedef'd struct and pointer types.
#include <piiflow.h>

typedef const char *cstr;

typedef struct customer {
	unsigned id;
	char email[80] PII(user.contact.email);
} customer_t;

typedef const customer_t *customer_ref;

void adkit_track(cstr event, cstr payload AD_SINK);

void on_checkout(customer_ref c)
{
	cstr who = c->email;

	adkit_track("checkout", who); // expect: pii-to-advertising(user.contact.email)
}
