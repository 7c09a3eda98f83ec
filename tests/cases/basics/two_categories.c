// A struct with two PII fields passed to a sink: one finding for the call
// (SPEC section 5: one per sink call site, argument and purpose) that lists
// both sources, each with its trace.
#include <piiflow.h>

struct visitor {
	char email[64] PII(user.contact.email);
	char ip[46] PII(user.device.ip_address);
	int visits;
};

ANALYTICS_SINK void stats_upload(const void *blob, unsigned long size);

void flush_visitor(const struct visitor *v)
{
	stats_upload(v, sizeof *v); // expect: pii-to-analytics(user.contact.email), pii-to-analytics(user.device.ip_address)
}
