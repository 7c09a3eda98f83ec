// A struct without personal data passed by pointer to a sink is clean.
// expect-none
#include <piiflow.h>

struct device_stats {
	unsigned cpu_pct;
	unsigned mem_mb;
	char os[16];
};

ANALYTICS_SINK void stats_upload(const void *blob, unsigned long size);

void sync_stats(unsigned cpu, unsigned mem)
{
	struct device_stats s = { .cpu_pct = cpu, .mem_mb = mem, .os = "linux" };

	stats_upload(&s, sizeof s);
}
