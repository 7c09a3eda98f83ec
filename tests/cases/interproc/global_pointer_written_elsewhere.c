// The other way round, in a library (no main, no caller of all three):
// data stored through a global pointer lands in the global object it
// points to, which another function reads directly.
#include <piiflow.h>

char *current_email PII(user.contact.email);

void stats_event(const char *payload ANALYTICS_SINK);

struct rec {
	char *text;
	char *plan;
};

static struct rec store;
static struct rec *cur;

void lib_init(void)
{
	cur = &store;
}

void lib_fill(void)
{
	cur->text = current_email;
	cur->plan = "pro";
}

void lib_report(void)
{
	stats_event(store.text); // expect: pii-to-analytics(user.contact.email)
	stats_event(store.plan);
}
