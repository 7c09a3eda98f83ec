// A designated initializer with only clean values gives a clean struct, even
// when personal data is at hand in the same function.
// expect-none
#include <piiflow.h>

struct user {
	long id;
	char ip[46] PII(user.device.ip_address);
};

struct ad_request {
	const char *slot;
	const char *client_ip;
	int width, height;
};

AD_SINK void adnet_request(const struct ad_request *req);
void fraud_check(const char *ip);

void fill_slot(const struct user *u)
{
	struct ad_request req = { .slot = "sidebar", .client_ip = "0.0.0.0", .width = 300 };

	fraud_check(u->ip);
	adnet_request(&req);
}
