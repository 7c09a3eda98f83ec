// A MIME part whose data is the user's phone number, posted to the Meta
// Conversions API host (graph.facebook.com, advertising).
#include <piiflow.h>
#include "curl.h"

struct customer {
	const char *phone PII(user.contact.phone_number);
};

void upload_conversion(const struct customer *c)
{
	CURL *h = curl_easy_init();
	curl_easy_setopt(h, CURLOPT_URL, "https://graph.facebook.com/v19.0/1234/events");
	curl_mime *form = curl_mime_init(h);
	curl_mimepart *part = curl_mime_addpart(form);
	curl_mime_name(part, "ph");
	curl_mime_data(part, c->phone, CURL_ZERO_TERMINATED);
	curl_easy_setopt(h, CURLOPT_MIMEPOST, form); // expect: pii-to-advertising(user.contact.phone_number)
	curl_easy_perform(h);
	curl_mime_free(form);
	curl_easy_cleanup(h);
}
