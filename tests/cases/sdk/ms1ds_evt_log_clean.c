// An event of the app's own state (name, counters, version) is clean.
// expect-none
#include <piiflow.h>
#include "mat.h"

struct account {
	int plan;
	const char *email PII(user.contact.email);
};

void log_signup(evt_handle_t handle, const struct account *a)
{
	evt_prop event[] =
	    TELEMETRY_EVENT(_STR("name", "signup"), _INT("plan", a->plan), _STR("version", "4.2"));
	evt_log(handle, event);
}
