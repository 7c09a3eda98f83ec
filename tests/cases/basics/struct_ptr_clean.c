// A struct without personal data passed by pointer to a sink is clean, even
// when it is filled next to personal data that stays behind.
// expect-none
#include <piiflow.h>

struct profile {
	int id;
	char full_name[64] PII(user.name);
	unsigned cpu_pct;
};

struct device_stats {
	unsigned cpu_pct;
	unsigned mem_mb;
	char os[16];
};

ANALYTICS_SINK void stats_upload(const void *blob, unsigned long size);

void sync_stats(const struct profile *p, unsigned mem)
{
	struct device_stats s = { .cpu_pct = p->cpu_pct, .mem_mb = mem, .os = "linux" };

	stats_upload(&s, sizeof s);
}
