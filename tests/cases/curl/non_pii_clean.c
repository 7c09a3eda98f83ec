// Posting what is not personal data (the app's version and a counter) to an
// analytics host is clean, although the same struct holds an e-mail.
// expect-none
#include <stdio.h>
#include <piiflow.h>
#include "curl.h"

struct account {
	int sessions;
	char email[64] PII(user.contact.email);
};

void heartbeat(const struct account *a)
{
	char body[256];
	snprintf(body, sizeof body, "{\"app_version\":\"4.2.0\",\"sessions\":%d}", a->sessions);
	CURL *h = curl_easy_init();
	curl_easy_setopt(h, CURLOPT_URL, "https://www.google-analytics.com/mp/collect?api_secret=k");
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	curl_easy_perform(h);
	curl_easy_cleanup(h);
}
