// Personal data passed down a recursion reaches the sink at its base case.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

ANALYTICS_SINK void stats_event(const char *name, const char *value);

static void send_at_depth(const char *payload, int depth)
{
	if (depth == 0) {
		stats_event("leaf", payload); // expect: pii-to-analytics(user.contact.email)
		return;
	}
	send_at_depth(payload, depth - 1);
}

void on_login(const struct user *u)
{
	send_at_depth(u->email, 3);
}
