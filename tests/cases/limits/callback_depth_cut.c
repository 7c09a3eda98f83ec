/* A function with no body is taken to call back the functions it is handed
 * with its other arguments, and what those call back in turn, only so many
 * callbacks deep (PF_CALLBACK_DEPTH). Here a library relays to itself: the
 * flow into the sink is found within the bound, the relays further down are
 * not followed, and the analysis says so. */
#include "piiflow.h"

struct user {
	PII(user.contact.email) const char *email;
};

/* calls back a, b and c, each with the other arguments */
void lib_relay(void *a, void *b, void *c, const char *s);

ANALYTICS_SINK void stats_event(const char *v);

void report(const struct user *u) /* expect: analysis-budget */
{
	lib_relay((void *)lib_relay, (void *)lib_relay, (void *)stats_event, u->email); // expect: pii-to-analytics(user.contact.email)
}
