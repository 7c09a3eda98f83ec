// A tag's value is sent with every event; a user's name as a tag is
// reported, the plan name next to it is not.
#include <piiflow.h>
#include "sentry.h"

struct customer {
	const char *plan;
	const char *full_name PII(user.name);
};

void tag_customer(const struct customer *c)
{
	sentry_set_tag("plan", c->plan);
	sentry_set_tag("customer", c->full_name); // expect: pii-to-analytics(user.name)
}
