// Extra data and contexts are sentry_value_t values too; a list that a
// personal value was appended to carries it.
#include <piiflow.h>
#include "sentry.h"

struct order {
	int items;
	const char *shipping_address PII(user.contact.address);
};

void describe_order(const struct order *o)
{
	sentry_set_extra("items", sentry_value_new_int32(o->items));
	sentry_value_t lines = sentry_value_new_list();
	sentry_value_append(lines, sentry_value_new_string(o->shipping_address));
	sentry_value_t ctx = sentry_value_new_object();
	sentry_value_set_by_key(ctx, "lines", lines);
	sentry_set_context("order", ctx); // expect: pii-to-analytics(user.contact.address)
}
