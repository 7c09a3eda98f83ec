// What an on_error callback writes into the event is sent with it: the
// e-mail as metadata is reported; the user Bugsnag hands back is personal
// data (the pack's field sources), so passing its e-mail on is reported too.
#include <stdbool.h>
#include <piiflow.h>
#include "bugsnag.h"

extern const char *current_email PII(user.contact.email);

static bool add_details(void *event)
{
	bugsnag_event_set_context(event, "checkout");
	bugsnag_event_add_metadata_string(event, "account", "email", current_email); // expect: pii-to-analytics(user.contact.email)
	bugsnag_user u = bugsnag_event_get_user(event);
	bugsnag_notify("user", u.email, BSG_SEVERITY_INFO); // expect: pii-to-analytics(user.contact.email)
	return true;
}

void install(void)
{
	bugsnag_add_on_error(add_details);
}
