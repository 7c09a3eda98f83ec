// The result of a PII_ANONYMIZER function is not personal data.
// expect-none
#include <piiflow.h>

struct visitor {
	int id;
	char ip[46] PII(user.device.ip_address);
};

PII_ANONYMIZER const char *geo_region_of(const char *ip);

void adkit_track(const char *event, const char *payload AD_SINK);

void on_page_view(const struct visitor *v)
{
	const char *region = geo_region_of(v->ip);

	adkit_track("region", region);
}
