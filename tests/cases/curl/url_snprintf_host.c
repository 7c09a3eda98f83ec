// A URL built with snprintf from a literal host (the format's host part is
// a literal, the path takes a value) still names the catalog host.
#include <stdio.h>
#include <piiflow.h>
#include "curl.h"

struct account {
	const char *email PII(user.contact.email);
};

void track(const struct account *a, const char *api_version)
{
	char url[256];
	snprintf(url, sizeof url, "https://api2.amplitude.com/%s/httpapi", api_version);
	CURL *h = curl_easy_init();
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_COPYPOSTFIELDS, a->email); // expect: pii-to-analytics(user.contact.email)
	curl_easy_perform(h);
	curl_easy_cleanup(h);
}
