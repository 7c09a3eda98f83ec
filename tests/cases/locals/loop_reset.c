// A loop that resets the value before the sink on every iteration is clean.
// expect-none
#include <piiflow.h>
#include <stddef.h>

struct user {
	int id;
	char email[64] PII(user.contact.email);
};

ANALYTICS_SINK void stats_event(const char *name, const char *value);
void mail_queue(const char *to);

void report_visits(const struct user *users, size_t n)
{
	const char *label = "none";

	for (size_t i = 0; i < n; i++) {
		label = "visitor";
		stats_event("visit", label);
		label = users[i].email;
		mail_queue(label);
	}
}
