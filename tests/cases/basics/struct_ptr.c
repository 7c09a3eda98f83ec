// A struct whose field is personal data, passed by pointer, reaches the sink:
// the sink sees everything reachable from its argument.
#include <piiflow.h>

struct profile {
	int id;
	char full_name[64] PII(user.name);
	int plan;
};

ANALYTICS_SINK void stats_upload(const void *blob, unsigned long size);

void sync_profile(const struct profile *p)
{
	stats_upload(p, sizeof *p); // expect: pii-to-analytics(user.name)
}
