// A value built from personal data that never reaches a Sentry call is no
// finding: building event objects is not sending them. Its length and its
// release move nothing.
// expect-none
#include <piiflow.h>
#include "sentry.h"

struct account {
	char email[64] PII(user.contact.email);
};

void draft(const struct account *a)
{
	sentry_value_t user = sentry_value_new_object();
	sentry_value_set_by_key(user, "email", sentry_value_new_string(a->email));
	if (sentry_value_get_length(user) > 0)
		sentry_set_tag("has_user", "yes");
	sentry_value_decref(user);
}
