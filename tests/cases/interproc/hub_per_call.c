// A function whose summary needs a hub: forty globals and a parameter,
// each of which may reach each of forty out-parameters. Called through a
// helper, twice from one function: what reaches the hub at one call of the
// helper reaches that call's results and not another call's, so the e-mail
// passed at the first call reaches the first call's results and not the
// second's (hub_per_call_clean.c), however the callers keep the hub.
#include "hub_per_call.h"

void report(int k, const struct user *u)
{
	const char G10(r), G10(s), G10(x), G10(y);
	const char G10(m), G10(n), G10(v), G10(w);
	relay(k, u->email, A10(r), A10(s), A10(x), A10(y));
	relay(k, "none", A10(m), A10(n), A10(v), A10(w));
	stats_event("r7", r7); // expect: pii-to-analytics(user.contact.email)
	stats_event("m7", m7);
}
