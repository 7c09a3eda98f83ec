#include "sinks.h"
#include "user.h"

char g_last_ip[46];

void count_visit(const struct user *u)
{
	/* piiflow-allow(pii-to-analytics): the device id is hashed by the metrics agent */
	metrics_count(u->device_id, 1); // expect-accepted: pii-to-analytics by suppression
}

int ads_allowed(const struct user *u)
{
	return u->id % 2;
}
