// A project adds its own hosts with an "endpoints" section in its rules
// file: an e-mail posted to a marketing partner's API is pii-to-marketing.
// piiflow-args: --rules {dir}/partner_endpoints.json
#include <piiflow.h>
#include "curl.h"

struct account {
	const char *email PII(user.contact.email);
};

void sync_contact(const struct account *a)
{
	CURL *h = curl_easy_init();
	curl_easy_setopt(h, CURLOPT_URL, "https://eu.collect.partner-crm.example/v2/contacts");
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, a->email); // expect: pii-to-marketing(user.contact.email)
	curl_easy_perform(h);
	curl_easy_cleanup(h);
}
