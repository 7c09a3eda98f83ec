// Setting one key of a value keeps the others: a clean key stored after the
// e-mail does not wash the object (the sentry-native pack says
// "replace": false). Replacing the whole handle does.
#include <piiflow.h>
#include "sentry.h"

struct account {
	int id;
	char email[64] PII(user.contact.email);
};

void identify(const struct account *a)
{
	sentry_value_t user = sentry_value_new_object();
	sentry_value_set_by_key(user, "email", sentry_value_new_string(a->email));
	sentry_value_set_by_key(user, "id", sentry_value_new_int32(a->id));
	sentry_set_user(user); // expect: pii-to-analytics(user.contact.email)
	user = sentry_value_new_object();
	sentry_value_set_by_key(user, "id", sentry_value_new_int32(a->id));
	sentry_set_user(user);
}
