// The same user object built from what is not personal data (a count of
// logins, the app's version) is sent to Sentry without a finding.
// expect-none
#include <piiflow.h>
#include "sentry.h"

struct account {
	int logins;
	char email[64] PII(user.contact.email);
};

static const char app_version[] = "4.2.0";

void identify(const struct account *a)
{
	sentry_value_t user = sentry_value_new_object();
	sentry_value_set_by_key(user, "logins", sentry_value_new_int32(a->logins));
	sentry_value_set_by_key(user, "app_version", sentry_value_new_string(app_version));
	sentry_set_user(user);
}
