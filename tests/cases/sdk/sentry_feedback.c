// User feedback carries the contact e-mail the user typed in; the
// fingerprint, a variadic list of strings, is sent too.
#include <piiflow.h>
#include "sentry.h"

struct reporter {
	const char *email PII(user.contact.email);
};

void send_feedback(const struct reporter *r, const char *message)
{
	sentry_capture_feedback(sentry_value_new_feedback(message, r->email, NULL, NULL)); // expect: pii-to-analytics(user.contact.email)
	sentry_set_fingerprint("checkout", r->email, NULL); // expect: pii-to-analytics(user.contact.email)
}
