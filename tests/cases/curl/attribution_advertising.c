// Attribution providers are advertising endpoints in the catalog: an
// advertising ID posted to Adjust's S2S event endpoint is pii-to-advertising.
#include <stdio.h>
#include <piiflow.h>
#include "curl.h"

struct device {
	const char *gps_adid PII(user.device.device_id.advertising);
};

void send_purchase(const struct device *d)
{
	char body[256];
	snprintf(body, sizeof body, "s2s=1&app_token=abc&event_token=def&gps_adid=%s", d->gps_adid);
	CURL *h = curl_easy_init();
	curl_easy_setopt(h, CURLOPT_URL, "https://s2s.adjust.com/event");
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body); // expect: pii-to-advertising(user.device.device_id.advertising)
	curl_easy_perform(h);
	curl_easy_cleanup(h);
}
