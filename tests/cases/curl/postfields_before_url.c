// The body is set before the URL: the host is not known at that option, so
// the finding is at the transfer, curl_easy_perform.
#include <piiflow.h>
#include "curl.h"

struct account {
	const char *email PII(user.contact.email);
};

void track_signup(const struct account *a)
{
	CURL *h = curl_easy_init();
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, a->email);
	curl_easy_setopt(h, CURLOPT_URL, "https://api.mixpanel.com/engage");
	curl_easy_perform(h); // expect: pii-to-analytics(user.contact.email)
	curl_easy_cleanup(h);
}
