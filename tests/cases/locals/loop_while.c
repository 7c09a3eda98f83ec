// A while loop over an iterator carries the previous element's data forward.
#include <piiflow.h>
#include <stddef.h>

struct user {
	int id;
	char email[64] PII(user.contact.email);
};

struct user_iter;
const struct user *user_iter_next(struct user_iter *it);

ANALYTICS_SINK void stats_event(const char *name, const char *value);

void report_churn(struct user_iter *it)
{
	const struct user *u;
	const char *prev = NULL;

	while ((u = user_iter_next(it)) != NULL) {
		if (prev != NULL)
			stats_event("churn_prev", prev); // expect: pii-to-analytics(user.contact.email)
		prev = u->email;
	}
}
