// A message event whose text names the user, and an exception added to an
// event (a value passed by value into another), reach sentry_capture_event.
#include <piiflow.h>
#include "sentry.h"

struct account {
	const char *username PII(user.account.username);
};

void report_failure(const struct account *a)
{
	sentry_capture_event(sentry_value_new_message_event(SENTRY_LEVEL_ERROR, "auth", a->username)); // expect: pii-to-analytics(user.account.username)

	sentry_value_t event = sentry_value_new_event();
	sentry_event_add_exception(event, sentry_value_new_exception("AuthError", a->username));
	sentry_capture_event(event); // expect: pii-to-analytics(user.account.username)
}
