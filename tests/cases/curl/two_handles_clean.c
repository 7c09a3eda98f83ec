// URLs are tracked per handle: the e-mail goes to the first-party handle,
// only the counter goes to the analytics handle.
// expect-none
#include <stdio.h>
#include <piiflow.h>
#include "curl.h"

struct account {
	int sessions;
	char email[64] PII(user.contact.email);
};

void sync(const struct account *a)
{
	char count[32];
	snprintf(count, sizeof count, "sessions=%d", a->sessions);
	CURL *stats = curl_easy_init();
	CURL *api = curl_easy_init();
	curl_easy_setopt(stats, CURLOPT_URL, "https://api.mixpanel.com/track");
	curl_easy_setopt(api, CURLOPT_URL, "https://api.example.com/v1/accounts");
	curl_easy_setopt(api, CURLOPT_POSTFIELDS, a->email);
	curl_easy_setopt(stats, CURLOPT_POSTFIELDS, count);
	curl_easy_perform(api);
	curl_easy_perform(stats);
	curl_easy_cleanup(api);
	curl_easy_cleanup(stats);
}
