// The twin of global_pointer_read_elsewhere: the pointer points to one
// global object and the data is in another of the same type; what is
// read through the pointer holds none of it. A pointer's target is
// followed for the objects it may point to, not for every object of its
// type.
// expect-none
#include <piiflow.h>

char *current_email PII(user.contact.email);

void stats_event(const char *payload ANALYTICS_SINK);

struct rec {
	char *text;
	char *plan;
};

static struct rec store;
static struct rec other;
static struct rec *cur;

void init(void)
{
	cur = &store;
}

void fill(void)
{
	other.text = current_email;
	store.plan = "pro";
	store.text = "none";
}

void run(void)
{
	stats_event(cur->text);
	stats_event(cur->plan);
}

int main(void)
{
	init();
	fill();
	run();
	return 0;
}
