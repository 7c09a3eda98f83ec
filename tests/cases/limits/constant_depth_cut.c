/* A constant global holds what its initializer says (each tracker's own
 * callback), but only where a function reads it within PF_CONSTANT_DEPTH
 * levels of an expression. Here the read of 'log_tracker' lies deeper
 * (macros nest it in 66 additions), so it is read as any other global:
 * its callback may be any function of its type, and the analysis says so.
 * The send through the ads tracker, read at the top, is found. */
#include "piiflow.h"

struct user {
	PII(user.contact.email) const char *email;
};

struct tracker {
	const char *name;
	void (*send)(const char *payload);
};

AD_SINK void ad_event(const char *payload);
void log_line(const char *payload);

static const struct tracker ads_tracker = {"ads", ad_event};
static const struct tracker log_tracker = {"log", log_line};

#define N1(x) (0 + (x))
#define N2(x) N1(N1(x))
#define N4(x) N2(N2(x))
#define N8(x) N4(N4(x))
#define N16(x) N8(N8(x))
#define N32(x) N16(N16(x))
#define N64(x) N32(N32(x))

void report(const struct user *u) /* expect: analysis-budget */
{
	const struct tracker *t = N64(N2(&log_tracker));
	ads_tracker.send(u->email); // expect: pii-to-advertising(user.contact.email)
	t->send(u->email); // expect: pii-to-advertising(user.contact.email)
}
