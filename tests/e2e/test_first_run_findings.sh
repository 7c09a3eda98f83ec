#!/usr/bin/env bash
# False findings and misses a new user hits at once (issue 17, item 8), on
# one file as a user would write it: getenv is personal data only for the
# variables that hold identity (getenv("LANG") is not reported, USER is);
# consent tested as `consent(u) == 1` or by `case 1:` of a switch on its
# result accepts the flow, and the accepted flow names that check; a
# libcurl URL of the endpoint catalog kept in a `static const char *`
# global or passed to a wrapper as a parameter makes the posted data an
# analytics finding. piiflow 4f03782 reported getenv("LANG") and both
# consented calls, and missed both libcurl flows.
#
# Usage: bash tests/e2e/test_first_run_findings.sh PATH_TO_PIIFLOW
set -euo pipefail

# shellcheck source=tests/e2e/lib.sh
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"

cat >app.c <<'EOF'
#include <stdlib.h>
#include <piiflow.h>

/* libcurl's easy interface, as <curl/curl.h> declares it */
typedef void CURL;
typedef enum { CURLOPT_URL = 10002, CURLOPT_POSTFIELDS = 10015 } CURLoption;
CURL *curl_easy_init(void);
int curl_easy_setopt(CURL *curl, CURLoption option, ...);
int curl_easy_perform(CURL *curl);

struct user {
	int id;
	char email[64] PII(user.contact.email);
};

PII_CONSENT(advertising) int ad_consent(const struct user *u);
void ads_event(const char *name, const char *payload AD_SINK);

void env_to_ads(void)
{
	ads_event("lang", getenv("LANG"));
	ads_event("user", getenv("USER"));
}

void consent_forms(const struct user *u)
{
	if (ad_consent(u) == 1)
		ads_event("eq", u->email);
	switch (ad_consent(u)) {
	case 1:
		ads_event("case", u->email);
		break;
	default:
		break;
	}
}

static const char *collect_url = "https://www.google-analytics.com/collect";

void post_global(const struct user *u)
{
	CURL *c = curl_easy_init();
	curl_easy_setopt(c, CURLOPT_URL, collect_url);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, u->email);
	curl_easy_perform(c);
}

static void post_json(const char *url, const char *body)
{
	CURL *c = curl_easy_init();
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_perform(c);
}

void post_param(const struct user *u)
{
	post_json("https://api.mixpanel.com/track", u->email);
}
EOF

run check app.c
expect "getenv(\"LANG\") is not personal data" 1 '!^app\.c:21:[0-9]+: error'
expect "getenv(\"USER\") is, as the account's user name" 1 \
	"^app\\.c:22:2: error: personal data 'user\\.account\\.username' reaches advertising sink 'ads_event'"
expect "consent(u) == 1 accepts the flow and names its check" 1 '!^app\.c:28:[0-9]+: error' \
	"^app\\.c:28:3: note: accepted: .*consent checked by 'ad_consent' at app\\.c:27:6 \\[pii-to-advertising\\]"
expect "case 1: of a switch on consent(u) accepts the flow and names its check" 1 \
	'!^app\.c:31:[0-9]+: error' \
	"^app\\.c:31:3: note: accepted: .*consent checked by 'ad_consent' at app\\.c:29:10 \\[pii-to-advertising\\]"
expect "a libcurl URL in a static const char * global is an analytics endpoint" 1 \
	"^app\\.c:4[0-9]:2: error: personal data 'user\\.contact\\.email' reaches analytics sink .* sending to 'google-analytics\\.com' \\[pii-to-analytics\\]"
expect "a libcurl URL passed to a wrapper as a parameter is one too" 1 \
	"^app\\.c:5[0-9]:2: error: personal data 'user\\.contact\\.email' reaches analytics sink .* sending to 'mixpanel\\.com' \\[pii-to-analytics\\]" \
	"note: passed to 'post_json' as argument 2"
expect "and the summary counts three errors and two accepted by consent" 1 \
	'^piiflow: 3 errors, 0 warnings; 2 accepted \(2 by consent, 0 by the baseline\), 0 suppressed; 1 translation unit'

run check --format json app.c
expect "JSON: each consented flow names its consent function and check" 1 \
	'"consent_function": "ad_consent"' '"line": 27' '"line": 29'

echo "$passed passed, $failed failed"
((failed == 0))
