/*
 * The endpoint catalog of the rules loader: the "endpoints" section of a
 * rules file, the strict checks on its hosts, the suffix match that says
 * whether a URL's host collects data (most specific host first, never a
 * look-alike domain), the host read out of a URL, and the shipped catalog.
 * Malformed files are written into a temporary directory from a table, one
 * cmocka test per row, so that a failure names the row.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"

static char tmpdir[512];
static char *made[32];
static size_t nmade;

static const char *write_file(const char *name, const char *text)
{
	static char path[1024];
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	bool known = false;
	for (size_t i = 0; i < nmade && !known; i++)
		known = strcmp(made[i], path) == 0;
	if (!known) {
		assert_true(nmade < sizeof(made) / sizeof(made[0]));
		made[nmade++] = strdup(path);
	}
	return path;
}

static int group_setup(void **state)
{
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof(tmpdir), "%s/piiflow-test-endpoints-XXXXXX",
	         base ? base : P_tmpdir);
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int group_teardown(void **state)
{
	int rc = 0;
	while (nmade > 0) {
		char *path = made[--nmade];
		rc |= remove(path);
		free(path);
	}
	return rc | remove(tmpdir);
}

/* Loads text as a user's rules file into r, failing the test on an error. */
static void load(struct pf_rules *r, const char *name, const char *text)
{
	struct pf_error err;
	char msg[2048];
	if (pf_rules_load_file(r, write_file(name, text), false, &err) != 0) {
		pf_error_format(&err, "error", msg, sizeof(msg));
		fail_msg("%s", msg);
	}
}

#define HDR "{\"piiflow_rules\": 1, \"name\": \"t\", "

/* The purpose found for host, or "-" when no endpoint matches. */
static const char *purpose_of(const struct pf_rules *r, const char *host)
{
	const struct pf_rule_endpoint *e = pf_rules_find_endpoint(r, host);
	return e ? e->purpose : "-";
}

/* ---- loading and matching ---- */

static void test_load_endpoints(void **state)
{
	struct pf_rules r;
	pf_rules_init(&r);
	load(&r, "ep.json",
	     HDR "\"endpoints\": [\n"
	         "  {\"host\": \"google-analytics.com\", \"purpose\": \"analytics\"},\n"
	         "  {\"host\": \"graph.facebook.com\", \"purpose\": \"advertising\", "
	         "\"comment\": \"Conversions API\"}\n"
	         "]}");
	assert_int_equal(r.nendpoints, 2);
	assert_string_equal(r.endpoints[0].host, "google-analytics.com");
	assert_string_equal(r.endpoints[1].purpose, "advertising");
	assert_string_equal(r.endpoints[1].origin.json_path, "endpoints[1]");
	assert_string_equal(r.endpoints[1].origin.pack, "t");
	assert_ptr_equal(r.endpoints[1].origin.file, r.files[0]);
	assert_false(r.endpoints[1].origin.shipped);
	pf_rules_free(&r);
	assert_int_equal(r.nendpoints, 0);
	assert_null(r.endpoints);
}

static void test_suffix_match(void **state)
{
	struct pf_rules r;
	pf_rules_init(&r);
	assert_null(pf_rules_find_endpoint(&r, "www.google-analytics.com")); /* none loaded */
	load(&r, "match.json",
	     HDR
	     "\"endpoints\": [{\"host\": \"google-analytics.com\", \"purpose\": \"analytics\"}]}");

	assert_string_equal(purpose_of(&r, "google-analytics.com"), "analytics");
	assert_string_equal(purpose_of(&r, "www.google-analytics.com"), "analytics");
	assert_string_equal(purpose_of(&r, "region1.eu.google-analytics.com"), "analytics");
	/* a look-alike domain, and the catalog host as a label of another domain */
	assert_string_equal(purpose_of(&r, "evilgoogle-analytics.com"), "-");
	assert_string_equal(purpose_of(&r, "google-analytics.com.evil.net"), "-");
	assert_string_equal(purpose_of(&r, "analytics.com"), "-");
	assert_string_equal(purpose_of(&r, "com"), "-");
	/* DNS names ignore case; a fully qualified name ends in a dot */
	assert_string_equal(purpose_of(&r, "WWW.Google-Analytics.COM"), "analytics");
	assert_string_equal(purpose_of(&r, "www.google-analytics.com."), "analytics");
	/* a host only: a port, a path or a scheme matches nothing */
	assert_string_equal(purpose_of(&r, "www.google-analytics.com:443"), "-");
	assert_string_equal(purpose_of(&r, "www.google-analytics.com/collect"), "-");
	assert_string_equal(purpose_of(&r, "https://www.google-analytics.com"), "-");
	assert_string_equal(purpose_of(&r, ""), "-");
	assert_string_equal(purpose_of(&r, "."), "-");
	pf_rules_free(&r);
}

static void test_longest_suffix_wins(void **state)
{
	struct pf_rules r;
	pf_rules_init(&r);
	/* the general entry first, so that order alone would pick it */
	load(&r, "a.json",
	     "{\"piiflow_rules\": 1, \"name\": \"a\", \"endpoints\": [\n"
	     "  {\"host\": \"example-cdp.com\", \"purpose\": \"analytics\"},\n"
	     "  {\"host\": \"ads.example-cdp.com\", \"purpose\": \"advertising\"},\n"
	     "  {\"host\": \"eu.ads.example-cdp.com\", \"purpose\": \"marketing\"}\n"
	     "]}");
	assert_string_equal(purpose_of(&r, "api.example-cdp.com"), "analytics");
	assert_string_equal(purpose_of(&r, "ads.example-cdp.com"), "advertising");
	assert_string_equal(purpose_of(&r, "pixel.ads.example-cdp.com"), "advertising");
	assert_string_equal(purpose_of(&r, "x.eu.ads.example-cdp.com"), "marketing");
	assert_string_equal(purpose_of(&r, "us.ads.example-cdp.com"), "advertising");

	/* the same host in a later file: the one loaded first answers */
	load(&r, "b.json",
	     "{\"piiflow_rules\": 1, \"name\": \"b\", \"endpoints\": [\n"
	     "  {\"host\": \"ads.example-cdp.com\", \"purpose\": \"analytics\"}]}");
	assert_int_equal(r.nendpoints, 4);
	const struct pf_rule_endpoint *e = pf_rules_find_endpoint(&r, "ads.example-cdp.com");
	assert_ptr_equal(e, &r.endpoints[1]);
	assert_string_equal(e->origin.pack, "a");
	pf_rules_free(&r);
}

/* ---- the host of a URL ---- */

struct url_case {
	const char *url;
	const char *host; /* NULL: no host */
};

static const struct url_case url_cases[] = {
    {"https://www.google-analytics.com/mp/collect?measurement_id=G-1", "www.google-analytics.com"},
    {"http://api.mixpanel.com", "api.mixpanel.com"},
    {"https://api2.amplitude.com:443/2/httpapi", "api2.amplitude.com"},
    {"https://user:secret@api.segment.io/v1/track", "api.segment.io"},
    {"HTTPS://API.Segment.IO/v1/identify", "api.segment.io"},
    {"https://graph.facebook.com?x=1", "graph.facebook.com"},
    {"https://graph.facebook.com#frag", "graph.facebook.com"},
    {"www.google-analytics.com/collect", "www.google-analytics.com"}, /* no scheme */
    {"//s2s.adjust.com/event", "s2s.adjust.com"},
    {"events.appsflyer.com", "events.appsflyer.com"},
    {"https://api.example.com/track?next=https://www.google-analytics.com/", "api.example.com"},
    {"https://www.google-analytics.com/collect?email=%s", "www.google-analytics.com"},
    {"https://%s/collect", NULL}, /* the host is filled in at run time */
    {"https://api.%s.com/collect", NULL},
    {"https://[2001:db8::1]/collect", NULL},
    {"https:///collect", NULL},
    {"", NULL},
    {"/collect", NULL},
};

static void test_url_host(void **state)
{
	for (size_t i = 0; i < sizeof(url_cases) / sizeof(url_cases[0]); i++) {
		const struct url_case *c = &url_cases[i];
		char buf[256] = "junk";
		bool ok = pf_rules_url_host(c->url, buf, sizeof(buf));
		if (ok != (c->host != NULL))
			fail_msg("'%s': %s a host", c->url, ok ? "found" : "found no");
		if (c->host && strcmp(buf, c->host) != 0)
			fail_msg("'%s': host '%s', want '%s'", c->url, buf, c->host);
		if (!c->host && buf[0] != '\0')
			fail_msg("'%s': buf '%s' not emptied", c->url, buf);
	}
	/* a host that does not fit is no host, not a truncated one */
	char small[8];
	assert_false(pf_rules_url_host("https://api.mixpanel.com/track", small, sizeof(small)));
	assert_string_equal(small, "");
	char exact[17];
	assert_true(pf_rules_url_host("https://api.mixpanel.com/track", exact, sizeof(exact)));
	assert_string_equal(exact, "api.mixpanel.com");
}

/* ---- malformed entries: one row per mistake ---- */

struct bad_case {
	const char *name;
	const char *entries; /* the text of the "endpoints" value */
	const char *json_path;
	const char *message;
};

static const struct bad_case bad_cases[] = {
    {"not an array", "{}", "endpoints", "'endpoints' must be an array of objects, got an object"},
    {"entry not object", "[\"google-analytics.com\"]", "endpoints[0]",
     "expected an object, got a string"},
    {"missing host", "[{\"purpose\": \"analytics\"}]", "endpoints[0]", "missing key 'host'"},
    {"missing purpose", "[{\"host\": \"api.mixpanel.com\"}]", "endpoints[0]",
     "missing key 'purpose'"},
    {"host typo", "[{\"hots\": \"api.mixpanel.com\", \"purpose\": \"analytics\"}]", "endpoints[0]",
     "unknown key 'hots' (did you mean 'host'?)"},
    {"unknown key", "[{\"host\": \"api.mixpanel.com\", \"url\": \"x\", \"purpose\": \"a\"}]",
     "endpoints[0]", "unknown key 'url' in an endpoint (expected one of: host, purpose, comment)"},
    {"host not string", "[{\"host\": 3, \"purpose\": \"analytics\"}]", "endpoints[0].host",
     "'host' must be a string, got an integer"},
    {"bad purpose", "[{\"host\": \"api.mixpanel.com\", \"purpose\": \"Analytics\"}]",
     "endpoints[0].purpose",
     "'purpose' must be a bare lower-case word such as advertising, marketing or analytics, "
     "got 'Analytics'"},
    {"scheme", "[{\"host\": \"https://www.google-analytics.com\", \"purpose\": \"analytics\"}]",
     "endpoints[0].host",
     "'host' must be a host name without a scheme (write the host alone, as "
     "'www.example.com'), got 'https://www.google-analytics.com'"},
    {"path", "[{\"host\": \"www.google-analytics.com/collect\", \"purpose\": \"analytics\"}]",
     "endpoints[0].host",
     "'host' must be a host name without a path or query (write the host alone), got "
     "'www.google-analytics.com/collect'"},
    {"port", "[{\"host\": \"api.mixpanel.com:443\", \"purpose\": \"analytics\"}]",
     "endpoints[0].host", "'host' must be a host name without a port, got 'api.mixpanel.com:443'"},
    {"wildcard", "[{\"host\": \"*.mixpanel.com\", \"purpose\": \"analytics\"}]",
     "endpoints[0].host",
     "'host' must be a host name without a wildcard (a host also matches every subdomain of "
     "it), got '*.mixpanel.com'"},
    {"upper case", "[{\"host\": \"API.Mixpanel.com\", \"purpose\": \"analytics\"}]",
     "endpoints[0].host", "'host' must be a host name in lower case, got 'API.Mixpanel.com'"},
    {"leading dot", "[{\"host\": \".mixpanel.com\", \"purpose\": \"analytics\"}]",
     "endpoints[0].host",
     "'host' must be a host name without a leading or trailing dot, got '.mixpanel.com'"},
    {"trailing dot", "[{\"host\": \"mixpanel.com.\", \"purpose\": \"analytics\"}]",
     "endpoints[0].host",
     "'host' must be a host name without a leading or trailing dot, got 'mixpanel.com.'"},
    {"single label", "[{\"host\": \"com\", \"purpose\": \"analytics\"}]", "endpoints[0].host",
     "'host' must be a host name of two labels or more (a bare top-level domain would match "
     "too much), got 'com'"},
    {"empty label", "[{\"host\": \"api..mixpanel.com\", \"purpose\": \"analytics\"}]",
     "endpoints[0].host",
     "'host' must be a host name without an empty label, got 'api..mixpanel.com'"},
    {"underscore", "[{\"host\": \"my_tracker.example.com\", \"purpose\": \"analytics\"}]",
     "endpoints[0].host",
     "'host' must be a host name made of letters, digits, '-' and dots, got "
     "'my_tracker.example.com'"},
    {"label starts with dash", "[{\"host\": \"-ads.example.com\", \"purpose\": \"advertising\"}]",
     "endpoints[0].host",
     "'host' must be a host name of labels that do not start with '-', got '-ads.example.com'"},
    {"label ends with dash", "[{\"host\": \"ads-.example.com\", \"purpose\": \"advertising\"}]",
     "endpoints[0].host",
     "'host' must be a host name of labels that do not end with '-', got 'ads-.example.com'"},
    {"label too long",
     "[{\"host\": \"a1234567890123456789012345678901234567890123456789012345678901234.com\", "
     "\"purpose\": \"analytics\"}]",
     "endpoints[0].host",
     "'host' must be a host name of labels of at most 63 characters, got "
     "'a1234567890123456789012345678901234567890123456789012345678901234.com'"},
    {"ip address", "[{\"host\": \"192.0.2.7\", \"purpose\": \"analytics\"}]", "endpoints[0].host",
     "'host' must be a DNS name, not an IP address (its top-level label is "
     "numeric), got '192.0.2.7'"},
    {"duplicate host",
     "[{\"host\": \"api.mixpanel.com\", \"purpose\": \"analytics\"},\n"
     " {\"host\": \"api.segment.io\", \"purpose\": \"analytics\"},\n"
     " {\"host\": \"api.mixpanel.com\", \"purpose\": \"marketing\"}]",
     "endpoints[2]", "duplicate of endpoints[0]: same host 'api.mixpanel.com'"},
};

static void test_bad_endpoint(void **state)
{
	const struct bad_case *c = *state;
	char text[1024];
	snprintf(text, sizeof(text),
	         HDR "\"sinks\": [{\"function\": \"f\", \"purpose\": \"a\"}],\n"
	             "\"endpoints\": %s}",
	         c->entries);
	struct pf_rules r;
	struct pf_error err;
	pf_rules_init(&r);
	if (pf_rules_load_file(&r, write_file("bad.json", text), false, &err) == 0)
		fail_msg("%s: loaded without error", c->name);
	if (strcmp(err.json_path, c->json_path) != 0)
		fail_msg("%s: json_path '%s', want '%s' (%s)", c->name, err.json_path, c->json_path,
		         err.text);
	if (strcmp(err.text, c->message) != 0)
		fail_msg("%s: message\n  want: %s\n  got:  %s", c->name, c->message, err.text);
	assert_true(err.line >= 2); /* the error points into the endpoints section */
	/* nothing of a bad file is kept, not even its good sink */
	assert_int_equal(r.nfiles + r.nsinks + r.nendpoints, 0);
	pf_rules_free(&r);
}

/* ---- the shipped catalog ---- */

static void test_shipped_catalog(void **state)
{
	struct pf_rules r;
	struct pf_error err;
	char msg[2048];
	pf_rules_init(&r);
	if (pf_rules_load_file(&r, PF_SOURCE_DIR "/rules/endpoints.json", true, &err) != 0) {
		pf_error_format(&err, "error", msg, sizeof(msg));
		fail_msg("%s", msg);
	}
	assert_string_equal(r.packs[0], "endpoints");
	assert_true(r.nendpoints >= 30);
	assert_int_equal(r.nsinks + r.nsources + r.npropagators, 0);
	assert_true(r.endpoints[0].origin.shipped);

	static const char *const analytics[] = {
	    "www.google-analytics.com", "region1.google-analytics.com",
	    "api.mixpanel.com",         "api-eu.mixpanel.com",
	    "api2.amplitude.com",       "api.eu.amplitude.com",
	    "api.segment.io",           "eu1.api.segmentapis.com",
	    "api.gameanalytics.com",    "o447951.ingest.sentry.io",
	    "notify.bugsnag.com",       "mobile.events.data.microsoft.com"};
	for (size_t i = 0; i < sizeof(analytics) / sizeof(analytics[0]); i++)
		if (strcmp(purpose_of(&r, analytics[i]), "analytics") != 0)
			fail_msg("%s: purpose '%s', want analytics", analytics[i],
			         purpose_of(&r, analytics[i]));
	static const char *const advertising[] = {"graph.facebook.com",
	                                          "stats.g.doubleclick.net",
	                                          "events.appsflyer.com",
	                                          "s2s.adjust.com",
	                                          "api2.branch.io",
	                                          "www.googleadservices.com",
	                                          "pagead2.googlesyndication.com"};
	for (size_t i = 0; i < sizeof(advertising) / sizeof(advertising[0]); i++)
		if (strcmp(purpose_of(&r, advertising[i]), "advertising") != 0)
			fail_msg("%s: purpose '%s', want advertising", advertising[i],
			         purpose_of(&r, advertising[i]));
	/* first-party and general-purpose hosts are not in the catalog */
	static const char *const none[] = {"api.example.com", "www.google.com", "www.facebook.com",
	                                   "googleapis.com", "github.com"};
	for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++)
		if (pf_rules_find_endpoint(&r, none[i]))
			fail_msg("%s: matched %s", none[i],
			         pf_rules_find_endpoint(&r, none[i])->host);
	pf_rules_free(&r);

	/* and the whole shipped directory, SDK packs included, loads together */
	pf_rules_init(&r);
	if (pf_rules_load_dir(&r, PF_SOURCE_DIR "/rules", &err) != 0) {
		pf_error_format(&err, "error", msg, sizeof(msg));
		fail_msg("%s", msg);
	}
	assert_non_null(pf_rules_find_endpoint(&r, "www.google-analytics.com"));
	assert_non_null(pf_rules_find_sink(&r, "sentry_set_user", NULL));
	pf_rules_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_load_endpoints),      cmocka_unit_test(test_suffix_match),
	    cmocka_unit_test(test_longest_suffix_wins), cmocka_unit_test(test_url_host),
	    cmocka_unit_test(test_shipped_catalog),
	};
	size_t nbad = sizeof(bad_cases) / sizeof(bad_cases[0]);
	struct CMUnitTest *bad = calloc(nbad, sizeof(*bad));
	for (size_t i = 0; i < nbad; i++)
		bad[i] = (struct CMUnitTest){bad_cases[i].name, test_bad_endpoint, NULL, NULL,
		                             (void *)&bad_cases[i]};
	int failed =
	    cmocka_run_group_tests_name("rules: endpoints", tests, group_setup, group_teardown);
	failed += _cmocka_run_group_tests("rules: malformed endpoints", bad, nbad, group_setup,
	                                  group_teardown);
	free(bad);
	return failed ? 1 : 0;
}
