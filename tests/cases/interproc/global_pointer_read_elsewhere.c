// A global pointer set to a global object in one function, the object
// filled directly in another, and read through the pointer in a third:
// the pointer's target holds for the whole program, as a global's data
// does. Before, the reader's port through `cur` was never demanded (no
// function stores data in `cur` itself) and the solve of globals did not
// follow the pointer: the flow was missed.
#include <piiflow.h>

char *current_email PII(user.contact.email);

void stats_event(const char *payload ANALYTICS_SINK);

struct rec {
	char *text;
	char *plan;
};

static struct rec store;
static struct rec *cur;

void init(void)
{
	cur = &store;
}

void fill(void)
{
	store.text = current_email;
	store.plan = "pro";
}

void run(void)
{
	stats_event(cur->text); // expect: pii-to-analytics(user.contact.email)
	stats_event(cur->plan);
}

int main(void)
{
	init();
	fill();
	run();
	return 0;
}
