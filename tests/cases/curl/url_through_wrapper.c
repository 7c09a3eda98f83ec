// The endpoint URL passed to a posting helper as a parameter, or held in a
// struct field of a client: the helper's libcurl call is a sink for the
// callers that pass it a catalog host, and for the data they pass with it.
#include <piiflow.h>
#include "curl.h"

struct account {
	char email[64] PII(user.contact.email);
};

static void post_json(const char *url, const char *body)
{
	CURL *h = curl_easy_init();
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	curl_easy_perform(h); // expect: pii-to-analytics(user.contact.email)
	curl_easy_cleanup(h);
}

struct client {
	const char *base_url;
	CURL *handle;
};

static void client_send(struct client *c, const char *body)
{
	curl_easy_setopt(c->handle, CURLOPT_URL, c->base_url);
	curl_easy_setopt(c->handle, CURLOPT_POSTFIELDS, body);
	curl_easy_perform(c->handle); // expect: pii-to-advertising(user.contact.email)
}

void track_signup(const struct account *a)
{
	post_json("https://www.google-analytics.com/mp/collect?api_secret=k", a->email);
}

void track_login(const struct account *a)
{
	struct client c = {"https://graph.facebook.com/v18.0/1/events", curl_easy_init()};
	client_send(&c, a->email);
}

void status(const struct account *a)
{
	post_json("https://status.example.org/ping", a->email);
	post_json("https://www.google-analytics.com/mp/collect?api_secret=k", "ok");
}
