#include <stdio.h>
#include <piiflow.h>
#include "ring.h"

struct client {
	int port;
	char ip[46] PII(user.device.ip_address);
};

void on_connect(const struct client *c)
{
	char line[RING_LINE];

	snprintf(line, sizeof line, "connect %s:%d", c->ip, c->port);
	ring_push(line);
}
