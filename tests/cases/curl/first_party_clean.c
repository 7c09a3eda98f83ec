// The same e-mail posted to the company's own API is no advertising or
// analytics flow: api.example.com is in no catalog.
// expect-none
#include <stdio.h>
#include <piiflow.h>
#include "curl.h"

struct account {
	char email[64] PII(user.contact.email);
};

void save_account(const struct account *a)
{
	char body[256];
	snprintf(body, sizeof body, "{\"email\":\"%s\"}", a->email);
	CURL *h = curl_easy_init();
	curl_easy_setopt(h, CURLOPT_URL, "https://api.example.com/v1/accounts");
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	curl_easy_perform(h);
	curl_easy_cleanup(h);
}
