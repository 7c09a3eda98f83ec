#include <piiflow.h>
#include "ring.h"

ANALYTICS_SINK void stats_send(const char *line);

void ring_flush(void)
{
	for (unsigned i = 0; i < RING_SLOTS && i < g_ring_head; i++)
		stats_send(g_ring[i]); // expect: pii-to-analytics(user.device.ip_address)
	g_ring_head = 0;
}
