// Personal data in the URL itself (its query string) is reported at the
// option that sets the URL: the host and the data are both in it.
#include <stdio.h>
#include <piiflow.h>
#include "curl.h"

struct account {
	const char *email PII(user.contact.email);
};

void track_view(const struct account *a)
{
	char url[512];
	snprintf(url, sizeof url, "https://www.google-analytics.com/collect?v=1&t=pageview&uid=%s",
	         a->email);
	CURL *h = curl_easy_init();
	curl_easy_setopt(h, CURLOPT_URL, url); // expect: pii-to-analytics(user.contact.email)
	curl_easy_perform(h);
	curl_easy_cleanup(h);
}
