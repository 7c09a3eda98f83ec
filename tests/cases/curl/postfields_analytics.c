// An e-mail posted with libcurl to Google Analytics: the handle's URL names
// a host of the shipped endpoint catalog (google-analytics.com, analytics),
// so the body set afterwards is reported at the curl_easy_setopt that sets
// it, where both the data and the host are known.
#include <stdio.h>
#include <piiflow.h>
#include "curl.h"

struct account {
	char email[64] PII(user.contact.email);
};

void track_signup(const struct account *a)
{
	char body[256];
	snprintf(body, sizeof body, "{\"client_id\":\"1\",\"user_properties\":{\"email\":\"%s\"}}",
	         a->email);
	CURL *h = curl_easy_init();
	curl_easy_setopt(h, CURLOPT_URL, "https://www.google-analytics.com/mp/collect?api_secret=k");
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body); // expect: pii-to-analytics(user.contact.email)
	curl_easy_perform(h);
	curl_easy_cleanup(h);
}
