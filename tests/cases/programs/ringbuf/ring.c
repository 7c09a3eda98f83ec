// A global ring buffer filled in one file and flushed to analytics in another.
#include <string.h>
#include "ring.h"

char g_ring[RING_SLOTS][RING_LINE];
unsigned g_ring_head;

void ring_push(const char *line)
{
	strncpy(g_ring[g_ring_head % RING_SLOTS], line, RING_LINE - 1);
	g_ring_head++;
}
