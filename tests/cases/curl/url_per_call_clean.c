// The clean twin of url_per_call: the wrapper's two calls of the helper
// send the user's name and e-mail address, and the caller names no
// catalog host for either: an internal host for the first, and for the
// second one it read from its configuration (a global the program never
// sets to a catalog host).
// expect-none
#include <piiflow.h>
#include "curl.h"

struct account {
	char name[64] PII(user.name);
	char email[64] PII(user.contact.email);
};

static void post(const char *url, const char *body)
{
	CURL *h = curl_easy_init();
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	curl_easy_perform(h);
	curl_easy_cleanup(h);
}

static void send_both(const char *stats_url, const char *mail_url, const struct account *a)
{
	post(stats_url, a->name);
	post(mail_url, a->email);
}

const char *mail_relay;

void track_signup(const struct account *a)
{
	send_both("https://status.example.org/ping", mail_relay, a);
}
