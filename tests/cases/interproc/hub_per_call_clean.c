// expect-none
// The calls of hub_per_call.c, with only the second call's result sunk:
// the e-mail the first call passes reaches no output of the second.
#include "hub_per_call.h"

void report(int k, const struct user *u)
{
	const char G10(r), G10(s), G10(x), G10(y);
	const char G10(m), G10(n), G10(v), G10(w);
	relay(k, u->email, A10(r), A10(s), A10(x), A10(y));
	relay(k, "none", A10(m), A10(n), A10(v), A10(w));
	stats_event("m7", m7);
}
