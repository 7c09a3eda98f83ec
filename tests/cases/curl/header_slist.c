// A request header built with curl_slist_append carries the e-mail to
// Segment: reported at the option that attaches the header list.
#include <stdio.h>
#include <piiflow.h>
#include "curl.h"

struct account {
	const char *email PII(user.contact.email);
};

void identify(const struct account *a)
{
	char line[256];
	snprintf(line, sizeof line, "X-User-Email: %s", a->email);
	struct curl_slist *headers = curl_slist_append(NULL, "Content-Type: application/json");
	headers = curl_slist_append(headers, line);
	CURL *h = curl_easy_init();
	curl_easy_setopt(h, CURLOPT_URL, "https://api.segment.io/v1/identify");
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers); // expect: pii-to-analytics(user.contact.email)
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, "{\"userId\":\"u-1\"}");
	curl_easy_perform(h);
	curl_slist_free_all(headers);
	curl_easy_cleanup(h);
}
