// p->f writes are seen through every alias of the struct (writer and reader
// pointers, and the struct itself).
#include <piiflow.h>

struct user {
	long id;
	char ip[46] PII(user.device.ip_address);
};

struct beacon {
	const char *page;
	const char *client;
};

ANALYTICS_SINK void stats_beacon(const char *page, const char *client);

void on_page(const struct user *u)
{
	struct beacon b = { "home", "-" };
	struct beacon *writer = &b;
	const struct beacon *reader = &b;

	writer->client = u->ip;
	stats_beacon(reader->page, reader->client); // expect: pii-to-analytics(user.device.ip_address)
	stats_beacon(b.page, b.client); // expect: pii-to-analytics(user.device.ip_address)
}
