// A designated initializer taints the field it names; the struct passed to a
// sink carries it.
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

void fill_slot(const struct user *u)
{
	struct ad_request req = {
		.slot = "sidebar",
		.client_ip = u->ip,
		.width = 300,
		.height = 250,
	};

	adnet_request(&req); // expect: pii-to-advertising(user.device.ip_address)
}
