// 1DS (Microsoft's telemetry SDK) from C: an event is an array of evt_prop;
// a property holding the user's e-mail is reported at evt_log, whose body
// only hands the array to a function pointer. A piiKind marks the value as
// personal data for the collector but still sends it.
#include <piiflow.h>
#include "mat.h"

struct account {
	int plan;
	const char *email PII(user.contact.email);
};

void log_signup(evt_handle_t handle, const struct account *a)
{
	evt_prop event[] = TELEMETRY_EVENT(_STR("name", "signup"), _INT("plan", a->plan),
	                                   PII_STR("email", a->email, 5));
	evt_log(handle, event); // expect: pii-to-analytics(user.contact.email)
}
