// sentry-native with no rules of the project's own: a user's e-mail wrapped
// in a string value, stored in a user object passed by value, and set as
// Sentry's user is reported where the object is handed to the SDK.
#include <piiflow.h>
#include "sentry.h"

struct account {
	int id;
	char email[64] PII(user.contact.email);
};

void identify(const struct account *a)
{
	sentry_value_t user = sentry_value_new_object();
	sentry_value_set_by_key(user, "id", sentry_value_new_int32(a->id));
	sentry_value_set_by_key(user, "email", sentry_value_new_string(a->email));
	sentry_set_user(user); // expect: pii-to-analytics(user.contact.email)
}
