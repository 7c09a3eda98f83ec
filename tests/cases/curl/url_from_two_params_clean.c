// A posting helper builds its URL from two of its parameters, a base and a
// path, and a wrapper passes its own parameter on as the base. The caller
// that sends the e-mail address names no catalog host in either part; the
// one that names one sends no personal data.
// expect-none
#include <piiflow.h>
#include <stdio.h>
#include "curl.h"

struct account {
	char email[64] PII(user.contact.email);
};

static void post_to(const char *base, const char *path, const char *body)
{
	char url[256];
	snprintf(url, sizeof(url), "%s%s", base, path);
	CURL *h = curl_easy_init();
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	curl_easy_perform(h);
	curl_easy_cleanup(h);
}

static void post_event(const char *base, const char *body)
{
	post_to(base, "/ping", body);
}

void track_signup(const struct account *a)
{
	post_event("https://status.example.org", a->email);
	post_event("https://www.google-analytics.com", "signup");
}
