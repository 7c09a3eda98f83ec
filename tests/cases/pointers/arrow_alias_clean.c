// A field written through a pointer does not taint the other fields.
// expect-none
#include <piiflow.h>

struct user {
	long id;
	char ip[46] PII(user.device.ip_address);
};

struct beacon {
	const char *page;
	const char *client;
};

ANALYTICS_SINK void stats_page(const char *page);

void on_page(const struct user *u)
{
	struct beacon b = { "home", "-" };
	struct beacon *writer = &b;

	writer->client = u->ip;
	stats_page(b.page);
}
