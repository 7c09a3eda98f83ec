// A function points a global pointer to a global object and calls a
// helper that stores data through the pointer; a third function reads
// the object directly. The caller does not copy the helper's store into
// its own state (it is a flow between the program's own places): it
// gives the object what is stored through the pointer, and the solve of
// globals brings the data there.
#include <piiflow.h>

char *current_email PII(user.contact.email);

void stats_event(const char *payload ANALYTICS_SINK);

struct rec {
	char *text;
	char *plan;
};

static struct rec store;
static struct rec *cur;

static void fill_through(void)
{
	cur->text = current_email;
}

void set_and_fill(void)
{
	cur = &store;
	fill_through();
	store.plan = "pro";
}

void report(void)
{
	stats_event(store.text); // expect: pii-to-analytics(user.contact.email)
	stats_event(store.plan);
}
