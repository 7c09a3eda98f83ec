// Taint set late in a loop body reaches a sink at the top of the body on the
// next iteration: the analysis iterates the loop to a fixpoint.
#include <piiflow.h>
#include <stddef.h>

struct user {
	int id;
	char email[64] PII(user.contact.email);
};

ANALYTICS_SINK void stats_event(const char *name, const char *value);

void report_visits(const struct user *users, size_t n)
{
	const char *previous = "none";

	for (size_t i = 0; i < n; i++) {
		stats_event("previous_visitor", previous); // expect: pii-to-analytics(user.contact.email)
		previous = users[i].email;
	}
}
