// A wrapper posts twice through one helper, each time to a URL its caller
// gives: the user's name to the first, the e-mail address to the second.
// The caller names an analytics host for the first and an advertising
// host for the second. The wrapper's summary keeps a conditional sink per
// call of the helper, so that each URL meets only what its own call sends:
// the name goes to analytics, the e-mail address to advertising. One sink
// for both calls would send both to both.
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
	curl_easy_perform(h); // expect: pii-to-analytics(user.name), pii-to-advertising(user.contact.email)
	curl_easy_cleanup(h);
}

static void send_both(const char *stats_url, const char *mail_url, const struct account *a)
{
	post(stats_url, a->name);
	post(mail_url, a->email);
}

void track_signup(const struct account *a)
{
	send_both("https://www.google-analytics.com/collect", "https://ad.doubleclick.net/activity",
	          a);
}
