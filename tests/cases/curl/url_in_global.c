// The endpoint URL kept in a `static const char *` global and in a
// constant table of endpoints: the data posted to it is reported as for a
// literal URL.
#include <piiflow.h>
#include "curl.h"

struct account {
	char email[64] PII(user.contact.email);
};

static const char *k_collect_url = "https://www.google-analytics.com/mp/collect?api_secret=k";

struct endpoint {
	const char *name;
	const char *url;
};

static const struct endpoint endpoints[] = {
    {"status", "https://status.example.org/ping"},
    {"ads", "https://graph.facebook.com/v18.0/1/events"},
};

void track_signup(const struct account *a)
{
	CURL *h = curl_easy_init();
	curl_easy_setopt(h, CURLOPT_URL, k_collect_url);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, a->email); // expect: pii-to-analytics(user.contact.email)
	curl_easy_perform(h);
	curl_easy_cleanup(h);
}

void track_purchase(const struct account *a)
{
	CURL *h = curl_easy_init();
	curl_easy_setopt(h, CURLOPT_URL, endpoints[1].url);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, a->email); // expect: pii-to-advertising(user.contact.email)
	curl_easy_perform(h);
	curl_easy_cleanup(h);
}

void ping(const struct account *a)
{
	CURL *h = curl_easy_init();
	curl_easy_setopt(h, CURLOPT_URL, endpoints[0].url);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, a->email);
	curl_easy_perform(h);
	curl_easy_cleanup(h);
}
