/*
 * The three output formats of SPEC section 5, written from one hand-built
 * report: the text format line by line (editors and CI parsers read it), the
 * JSON read back key by key (scripts depend on it), and the SARIF structure
 * that GitHub code scanning ingests. The SARIF multitool itself runs in
 * tests/e2e/test_sarif_multitool.sh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "report/report.h"

/* ---- the report ------------------------------------------------------------ */

static struct pf_trace_step pf_trace[] = {
    {{"src/session.c", 22, 9}, "copied into 'buf' by 'snprintf'"},
    {{"src/ads.c", 38, 5}, "passed to 'send_login' as argument 1"},
};

static struct pf_finding flow(char *rule, char *purpose, char *file, unsigned line, unsigned col)
{
	struct pf_finding f = {0};
	f.rule = rule;
	f.severity = PF_SEV_ERROR;
	f.purpose = purpose;
	f.category = "user.contact.email";
	f.source = (struct pf_pos){"src/user.h", 7, 10};
	f.source_name = "email";
	f.source_function = "";
	f.sink = (struct pf_pos){file, line, col};
	f.sink_function = "send_login";
	f.sink_callee = "ads_event";
	f.sink_argument = 1;
	return f;
}

/* Two findings, three accepted flows (one per way of accepting) and three
 * diagnostics, added out of order and sorted as the driver does. */
static int setup(void **state)
{
	struct pf_report *r = malloc(sizeof(*r));
	pf_report_init(r);

	struct pf_finding f = flow("pii-to-advertising", "advertising", "src/ads.c", 41, 5);
	f.message = "personal data 'user.contact.email' reaches advertising sink 'ads_event' "
	            "(argument 2)";
	f.trace = pf_trace;
	f.ntrace = 2;
	pf_report_add_finding(r, &f);

	f = flow("pii-to-analytics", "analytics", "./src/x y#z.c", 60, 5);
	f.accepted_by = "suppression";
	f.reason = "the user opted in at signup";
	pf_report_add_finding(r, &f);
	f.sink.line = 62;
	f.accepted_by = "consent";
	f.reason = NULL;
	f.consent_function = "has_consent";
	f.consent = (struct pf_pos){"src/ads.c", 61, 6};
	pf_report_add_finding(r, &f);
	f.sink.line = 64;
	f.accepted_by = "baseline";
	f.consent_function = NULL;
	f.consent = (struct pf_pos){NULL, 0, 0};
	pf_report_add_finding(r, &f);

	/* A purpose of the project's own, at an absolute path, without column,
	 * with the message left to the report model. */
	f = flow("pii-to-profiling", "profiling", "/opt/sdk/prof lib/prof.c", 3, 0);
	f.severity = PF_SEV_WARNING;
	f.sink_callee = "track";
	f.sink_argument = 0;
	pf_report_add_finding(r, &f);

	pf_report_add_diagnostic(r, "unknown-category", PF_SEV_WARNING, "src/user.h", 9, 5,
	                         "unknown category 'caf\xe9'");
	pf_report_add_diagnostic(r, "parse-error", PF_SEV_WARNING, "src/broken.c", 3, 1,
	                         "use of undeclared identifier 'x'");
	pf_report_add_diagnostic(r, "unused-suppression", PF_SEV_WARNING, "src/ads.c", 50, 0,
	                         "no finding of pii-to-marketing here");
	r->summary.translation_units = 3;
	r->summary.functions = 12;
	r->summary.opaque_calls = 4;
	r->summary.findings = 99; /* stale: the writers recount */
	r->summary.seconds = 0.41;
	pf_report_sort(r);
	*state = r;
	return 0;
}

static int teardown(void **state)
{
	pf_report_free(*state);
	free(*state);
	return 0;
}

typedef int (*writer_fn)(FILE *, const struct pf_report *);

/* Runs a writer into a temporary file and returns what it wrote. */
static char *write_to_string(writer_fn write, const struct pf_report *r)
{
	FILE *tmp = tmpfile();
	assert_non_null(tmp);
	assert_int_equal(write(tmp, r), 0);
	long size = ftell(tmp);
	assert_true(size >= 0);
	rewind(tmp);
	char *buf = malloc((size_t)size + 1);
	assert_int_equal(fread(buf, 1, (size_t)size, tmp), (size_t)size);
	buf[size] = '\0';
	fclose(tmp);
	return buf;
}

static json_t *load(const char *text)
{
	json_error_t err;
	json_t *j = json_loads(text, 0, &err);
	if (!j)
		fail_msg("invalid JSON at %d:%d: %s", err.line, err.column, err.text);
	return j;
}

/* The string at a jansson path such as "runs[0].tool.driver.name". */
static const char *jstr(json_t *root, const char *path)
{
	json_t *v = root;
	char key[128];
	const char *p = path;
	while (*p && v) {
		if (*p == '.')
			p++;
		if (*p == '[') {
			char *end;
			long i = strtol(p + 1, &end, 10);
			v = json_array_get(v, (size_t)i);
			p = end + 1;
			continue;
		}
		size_t n = strcspn(p, ".[");
		assert_true(n < sizeof(key));
		memcpy(key, p, n);
		key[n] = '\0';
		v = json_object_get(v, key);
		p += n;
	}
	if (!v)
		fail_msg("no value at %s", path);
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		static char num[32];
		snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v));
		return num;
	}
	fail_msg("%s is neither a string nor an integer", path);
	return NULL;
}

static bool jhas(json_t *obj, const char *key)
{
	return json_object_get(obj, key) != NULL;
}

/* ---- text ------------------------------------------------------------------ */

static void test_text_is_compiler_style(void **state)
{
	char *out = write_to_string(pf_report_write_text, *state);
	assert_string_equal(
	    out,
	    "/opt/sdk/prof lib/prof.c:3: warning: personal data 'user.contact.email' reaches "
	    "profiling sink 'track' (argument 1) [pii-to-profiling]\n"
	    "src/user.h:7:10: note: 'email' is declared personal data (user.contact.email) "
	    "here\n"
	    "src/ads.c:41:5: error: personal data 'user.contact.email' reaches advertising sink "
	    "'ads_event' (argument 2) [pii-to-advertising]\n"
	    "src/user.h:7:10: note: 'email' is declared personal data (user.contact.email) "
	    "here\n"
	    "src/session.c:22:9: note: copied into 'buf' by 'snprintf'\n"
	    "src/ads.c:38:5: note: passed to 'send_login' as argument 1\n"
	    "./src/x y#z.c:62:5: note: accepted: personal data 'user.contact.email' reaches "
	    "analytics sink 'ads_event' (argument 2); consent checked by 'has_consent' at "
	    "src/ads.c:61:6 [pii-to-analytics]\n"
	    "src/ads.c:50: warning: no finding of pii-to-marketing here [unused-suppression]\n"
	    "src/broken.c:3:1: warning: use of undeclared identifier 'x' [parse-error]\n"
	    "src/user.h:9:5: warning: unknown category 'caf\xe9' [unknown-category]\n"
	    "piiflow: 1 error, 1 warning; 2 accepted (1 by consent, 1 by the baseline), 1 "
	    "suppressed; 3 translation units, 12 functions analyzed in 0.41 s\n");
	free(out);
}

/* A clean run says so in its one summary line. */
static void test_text_of_empty_report_is_the_summary(void **state)
{
	(void)state;
	struct pf_report r;
	pf_report_init(&r);
	r.summary.translation_units = 1;
	r.summary.functions = 1;
	char *out = write_to_string(pf_report_write_text, &r);
	assert_string_equal(out, "piiflow: 0 errors, 0 warnings; 0 accepted (0 by consent, 0 by "
	                         "the baseline), 0 suppressed; 1 translation unit, 1 function "
	                         "analyzed in 0.00 s\n");
	free(out);
}

/* ---- JSON ------------------------------------------------------------------ */

static void test_json_layout_is_deterministic(void **state)
{
	char *a = write_to_string(pf_report_write_json, *state);
	char *b = write_to_string(pf_report_write_json, *state);
	assert_string_equal(a, b);
	/* Sorted keys, two-space indent, trailing newline. */
	assert_true(strncmp(a, "{\n  \"accepted\": [\n    {\n      \"accepted_by\"", 43) == 0);
	size_t n = strlen(a);
	assert_true(n > 2 && a[n - 1] == '\n' && a[n - 2] == '}');
	assert_non_null(strstr(a, "\"seconds\": 0.41"));
	free(a);
	free(b);
}

static void test_json_values(void **state)
{
	const struct pf_report *r = *state;
	char *out = write_to_string(pf_report_write_json, r);
	json_t *j = load(out);

	const char *top[] = {"accepted", "diagnostics", "findings", "summary", "tool", "version"};
	assert_int_equal(json_object_size(j), 6);
	for (size_t i = 0; i < 6; i++)
		assert_true(jhas(j, top[i]));
	assert_string_equal(jstr(j, "version"), "1");
	assert_string_equal(jstr(j, "tool.name"), "piiflow");
	assert_string_equal(jstr(j, "tool.version"), PF_TOOL_VERSION);

	assert_int_equal(json_array_size(json_object_get(j, "findings")), 2);
	json_t *f = json_array_get(json_object_get(j, "findings"), 1);
	assert_int_equal(json_object_size(f), 10);
	assert_int_equal(json_array_size(json_object_get(f, "sources")), 1);
	assert_string_equal(jstr(f, "sources[0].category"), "user.contact.email");
	assert_string_equal(jstr(f, "sources[0].name"), "email");
	assert_string_equal(jstr(f, "sources[0].trace[1].line"), "38");
	assert_string_equal(jstr(f, "rule"), "pii-to-advertising");
	assert_string_equal(jstr(f, "severity"), "error");
	assert_string_equal(jstr(f, "message"), "personal data 'user.contact.email' reaches "
	                                        "advertising sink 'ads_event' (argument 2)");
	assert_string_equal(jstr(f, "purpose"), "advertising");
	assert_string_equal(jstr(f, "category"), "user.contact.email");
	assert_string_equal(jstr(f, "source.file"), "src/user.h");
	assert_string_equal(jstr(f, "source.line"), "7");
	assert_string_equal(jstr(f, "source.column"), "10");
	assert_string_equal(jstr(f, "source.name"), "email");
	assert_string_equal(jstr(f, "sink.file"), "src/ads.c");
	assert_string_equal(jstr(f, "sink.line"), "41");
	assert_string_equal(jstr(f, "sink.column"), "5");
	assert_string_equal(jstr(f, "sink.function"), "send_login");
	assert_string_equal(jstr(f, "sink.callee"), "ads_event");
	assert_string_equal(jstr(f, "sink.argument"), "1");
	assert_string_equal(jstr(f, "trace[0].file"), "src/session.c");
	assert_string_equal(jstr(f, "trace[0].line"), "22");
	assert_string_equal(jstr(f, "trace[0].column"), "9");
	assert_string_equal(jstr(f, "trace[1].message"), "passed to 'send_login' as argument 1");
	assert_string_equal(jstr(f, "fingerprint"), r->findings[1].fingerprint);
	assert_false(jhas(f, "accepted_by"));
	assert_false(jhas(f, "reason"));
	assert_string_equal(jstr(j, "findings[0].severity"), "warning");
	assert_string_equal(jstr(j, "findings[0].message"),
	                    "personal data 'user.contact.email' reaches profiling sink 'track' "
	                    "(argument 1)");

	json_t *acc = json_object_get(j, "accepted");
	assert_int_equal(json_array_size(acc), 3);
	assert_string_equal(jstr(acc, "[0].accepted_by"), "suppression");
	assert_string_equal(jstr(acc, "[0].reason"), "the user opted in at signup");
	assert_string_equal(jstr(acc, "[0].sink.file"), "./src/x y#z.c");
	assert_string_equal(jstr(acc, "[1].accepted_by"), "consent");
	assert_false(jhas(json_array_get(acc, 1), "reason"));
	assert_string_equal(jstr(acc, "[1].consent_function"), "has_consent");
	assert_string_equal(jstr(acc, "[1].consent.function"), "has_consent");
	assert_string_equal(jstr(acc, "[1].consent.file"), "src/ads.c");
	assert_string_equal(jstr(acc, "[1].consent.line"), "61");
	assert_string_equal(jstr(acc, "[1].consent.column"), "6");
	assert_false(jhas(json_array_get(acc, 2), "consent_function"));
	assert_string_equal(jstr(acc, "[2].accepted_by"), "baseline");

	json_t *d = json_object_get(j, "diagnostics");
	assert_int_equal(json_array_size(d), 3);
	assert_int_equal(json_object_size(json_array_get(d, 0)), 6);
	assert_string_equal(jstr(d, "[0].rule"), "unused-suppression");
	assert_string_equal(jstr(d, "[0].severity"), "warning");
	assert_string_equal(jstr(d, "[0].file"), "src/ads.c");
	assert_string_equal(jstr(d, "[0].line"), "50");
	assert_string_equal(jstr(d, "[0].column"), "0");
	/* A byte that is not UTF-8 is replaced, never a reason to lose output. */
	assert_string_equal(jstr(d, "[2].message"), "unknown category 'caf\xef\xbf\xbd'");

	json_t *s = json_object_get(j, "summary");
	assert_int_equal(json_object_size(s), 8);
	assert_string_equal(jstr(s, "translation_units"), "3");
	assert_string_equal(jstr(s, "functions"), "12");
	assert_string_equal(jstr(s, "findings"), "2");
	assert_string_equal(jstr(s, "suppressed"), "1");
	assert_string_equal(jstr(s, "baselined"), "1");
	assert_string_equal(jstr(s, "consented"), "1");
	assert_string_equal(jstr(s, "opaque_calls"), "4");
	assert_true(json_is_real(json_object_get(s, "seconds")));
	json_decref(j);
	free(out);
}

static void test_json_of_empty_report(void **state)
{
	(void)state;
	struct pf_report r;
	pf_report_init(&r);
	char *out = write_to_string(pf_report_write_json, &r);
	json_t *j = load(out);
	assert_int_equal(json_array_size(json_object_get(j, "findings")), 0);
	assert_true(json_is_array(json_object_get(j, "accepted")));
	assert_true(json_is_array(json_object_get(j, "diagnostics")));
	assert_string_equal(jstr(j, "summary.findings"), "0");
	json_decref(j);
	free(out);
}

/* ---- SARIF ----------------------------------------------------------------- */

static void test_sarif_rules(void **state)
{
	char *out = write_to_string(pf_report_write_sarif, *state);
	json_t *j = load(out);
	assert_string_equal(jstr(j, "$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
	assert_string_equal(jstr(j, "version"), "2.1.0");
	assert_int_equal(json_array_size(json_object_get(j, "runs")), 1);
	json_t *driver = json_object_get(
	    json_object_get(json_array_get(json_object_get(j, "runs"), 0), "tool"), "driver");
	assert_string_equal(jstr(driver, "name"), "piiflow");
	assert_string_equal(jstr(driver, "version"), PF_TOOL_VERSION);
	assert_string_equal(jstr(driver, "semanticVersion"), PF_TOOL_VERSION);

	const char *ids[] = {"pii-to-advertising",  "pii-to-marketing", "pii-to-analytics",
	                     "pii-to-profiling",    "unknown-category", "unused-suppression",
	                     "invalid-suppression", "parse-error",      "unmatched-rule",
	                     "misplaced-annotation"};
	json_t *rules = json_object_get(driver, "rules");
	assert_int_equal(json_array_size(rules), 10);
	for (size_t i = 0; i < 10; i++) {
		json_t *rule = json_array_get(rules, i);
		assert_string_equal(jstr(rule, "id"), ids[i]);
		assert_true(strlen(jstr(rule, "name")) > 0);
		assert_true(strlen(jstr(rule, "shortDescription.text")) > 0);
		assert_true(strlen(jstr(rule, "fullDescription.text")) > 0);
		assert_true(strlen(jstr(rule, "help.text")) > 0);
		assert_true(strlen(jstr(rule, "help.markdown")) > 0);
		assert_true(json_array_size(
		                json_object_get(json_object_get(rule, "properties"), "tags")) > 0);
		const char *level = jstr(rule, "defaultConfiguration.level");
		assert_string_equal(level, i < 4 ? "error" : "warning");
		if (i < 4) {
			char allow[64];
			snprintf(allow, sizeof(allow), "piiflow-allow(%s): REASON", ids[i]);
			assert_non_null(strstr(jstr(rule, "help.text"), allow));
			assert_non_null(strstr(jstr(rule, "help.markdown"), "PII_CONSENT("));
			assert_non_null(strstr(jstr(rule, "fullDescription.text"), "27018"));
		}
	}
	assert_string_equal(jstr(rules, "[0].name"), "PiiToAdvertising");
	json_decref(j);
	free(out);
}

static void test_sarif_results(void **state)
{
	const struct pf_report *r = *state;
	char *out = write_to_string(pf_report_write_sarif, r);
	json_t *j = load(out);
	json_t *run = json_array_get(json_object_get(j, "runs"), 0);
	json_t *rules =
	    json_object_get(json_object_get(json_object_get(run, "tool"), "driver"), "rules");
	json_t *results = json_object_get(run, "results");
	/* Findings, then accepted flows, then diagnostics. */
	assert_int_equal(json_array_size(results), 2 + 3 + 3);
	for (size_t i = 0; i < json_array_size(results); i++) {
		json_t *res = json_array_get(results, i);
		size_t idx = (size_t)json_integer_value(json_object_get(res, "ruleIndex"));
		assert_string_equal(jstr(res, "ruleId"), json_string_value(json_object_get(
		                                             json_array_get(rules, idx), "id")));
		assert_non_null(strstr("error warning note", jstr(res, "level")));
		assert_true(strlen(jstr(res, "message.text")) > 0);
		assert_true(json_array_size(json_object_get(res, "locations")) == 1);
	}

	json_t *ads = json_array_get(results, 1);
	assert_string_equal(jstr(ads, "ruleId"), "pii-to-advertising");
	assert_string_equal(jstr(ads, "ruleIndex"), "0");
	assert_string_equal(jstr(ads, "level"), "error");
	assert_string_equal(jstr(ads, "message.text"), r->findings[1].message);
	assert_string_equal(jstr(ads, "locations[0].physicalLocation.artifactLocation.uri"),
	                    "src/ads.c");
	assert_string_equal(jstr(ads, "locations[0].physicalLocation.artifactLocation.uriBaseId"),
	                    "%SRCROOT%");
	assert_string_equal(jstr(ads, "locations[0].physicalLocation.region.startLine"), "41");
	assert_string_equal(jstr(ads, "locations[0].physicalLocation.region.startColumn"), "5");
	assert_string_equal(jstr(ads, "locations[0].logicalLocations[0].name"), "send_login");
	assert_string_equal(jstr(ads, "relatedLocations[0].id"), "1");
	assert_string_equal(jstr(ads, "relatedLocations[0].physicalLocation.artifactLocation.uri"),
	                    "src/user.h");
	assert_string_equal(jstr(ads, "relatedLocations[0].message.text"),
	                    "'email' is declared personal data (user.contact.email) here");
	json_t *steps = json_object_get(
	    json_array_get(json_object_get(json_array_get(json_object_get(ads, "codeFlows"), 0),
	                                   "threadFlows"),
	                   0),
	    "locations");
	/* the source, then its trace as given (the engine's ends at the sink) */
	assert_int_equal(json_array_size(steps), 3);
	assert_string_equal(jstr(steps, "[0].location.physicalLocation.region.startLine"), "7");
	assert_string_equal(jstr(steps, "[1].location.message.text"),
	                    "copied into 'buf' by 'snprintf'");
	assert_string_equal(jstr(steps, "[2].location.physicalLocation.region.startLine"), "38");
	assert_string_equal(jstr(ads, "partialFingerprints.piiflow/v2"),
	                    r->findings[1].fingerprint);
	assert_false(jhas(ads, "suppressions"));

	/* An absolute path is a file URI of its own, percent-encoded. */
	json_t *prof = json_array_get(results, 0);
	assert_string_equal(jstr(prof, "level"), "warning");
	assert_string_equal(jstr(prof, "locations[0].physicalLocation.artifactLocation.uri"),
	                    "file:///opt/sdk/prof%20lib/prof.c");
	assert_false(jhas(
	    json_object_get(json_object_get(json_array_get(json_object_get(prof, "locations"), 0),
	                                    "physicalLocation"),
	                    "artifactLocation"),
	    "uriBaseId"));
	assert_false(jhas(
	    json_object_get(json_object_get(json_array_get(json_object_get(prof, "locations"), 0),
	                                    "physicalLocation"),
	                    "region"),
	    "startColumn"));

	/* Accepted flows carry their suppression; twins of one fingerprint are
	 * numbered so that a code-scanning service keeps them apart. */
	json_t *sup = json_array_get(results, 2);
	assert_string_equal(jstr(sup, "locations[0].physicalLocation.artifactLocation.uri"),
	                    "src/x%20y%23z.c");
	assert_string_equal(jstr(sup, "suppressions[0].kind"), "inSource");
	assert_string_equal(jstr(sup, "suppressions[0].justification"),
	                    "the user opted in at signup");
	assert_string_equal(jstr(sup, "partialFingerprints.piiflow/v2"),
	                    r->accepted[0].fingerprint);
	json_t *consent = json_array_get(results, 3);
	assert_string_equal(jstr(consent, "suppressions[0].kind"), "external");
	assert_non_null(
	    strstr(jstr(consent, "suppressions[0].justification"), "PII_CONSENT(analytics)"));
	assert_non_null(strstr(jstr(consent, "suppressions[0].justification"),
	                       "consent checked by 'has_consent' at src/ads.c:61:6"));
	assert_string_equal(jstr(consent, "suppressions[0].properties.consentFunction"),
	                    "has_consent");
	assert_string_equal(
	    jstr(consent, "suppressions[0].location.physicalLocation.artifactLocation.uri"),
	    "src/ads.c");
	assert_string_equal(
	    jstr(consent, "suppressions[0].location.physicalLocation.region.startLine"), "61");
	char numbered[40];
	snprintf(numbered, sizeof(numbered), "%s:2", r->accepted[1].fingerprint);
	assert_string_equal(jstr(consent, "partialFingerprints.piiflow/v2"), numbered);
	json_t *base = json_array_get(results, 4);
	assert_string_equal(jstr(base, "suppressions[0].kind"), "external");
	assert_non_null(strstr(jstr(base, "suppressions[0].justification"), "baseline"));

	json_t *diag = json_array_get(results, 6);
	assert_string_equal(jstr(diag, "ruleId"), "parse-error");
	assert_string_equal(jstr(diag, "level"), "warning");
	assert_string_equal(jstr(diag, "message.text"), "use of undeclared identifier 'x'");
	assert_string_equal(jstr(diag, "locations[0].physicalLocation.artifactLocation.uri"),
	                    "src/broken.c");
	json_decref(j);
	free(out);
}

/* What a path looks like in a URI: every byte but unreserved ones and '/'
 * percent-encoded. */
static void uri_path(char *dst, size_t size, const char *path)
{
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)path; *p && o + 4 < size; p++) {
		if (strchr("-._~/", *p) || (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z'))
			dst[o++] = (char)*p;
		else
			o += (size_t)snprintf(dst + o, size - o, "%%%02X", *p);
	}
	dst[o] = '\0';
}

/* %SRCROOT% is the working directory at write time, as a file URI. */
static void test_sarif_srcroot_is_cwd(void **state)
{
	char old[PATH_MAX], cwd[PATH_MAX], enc[3 * PATH_MAX], want[3 * PATH_MAX + 16];
	assert_non_null(getcwd(old, sizeof(old)));
	const char *tmp = getenv("TMPDIR");
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s/pf report%%XXXXXX", tmp && tmp[0] == '/' ? tmp : P_tmpdir);
	assert_non_null(mkdtemp(dir));
	assert_int_equal(chdir(dir), 0);
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	char *out = write_to_string(pf_report_write_sarif, *state);
	assert_int_equal(chdir(old), 0);
	assert_int_equal(rmdir(dir), 0);

	uri_path(enc, sizeof(enc), cwd);
	snprintf(want, sizeof(want), "file://%s/", enc);
	assert_non_null(strstr(want, "/pf%20report%25"));
	json_t *j = load(out);
	assert_string_equal(jstr(j, "runs[0].originalUriBaseIds.%SRCROOT%.uri"), want);
	json_decref(j);
	free(out);
}

static void test_sarif_of_empty_report(void **state)
{
	(void)state;
	struct pf_report r;
	pf_report_init(&r);
	char *out = write_to_string(pf_report_write_sarif, &r);
	json_t *j = load(out);
	json_t *run = json_array_get(json_object_get(j, "runs"), 0);
	assert_true(json_is_array(json_object_get(run, "results")));
	assert_int_equal(json_array_size(json_object_get(run, "results")), 0);
	assert_int_equal(json_array_size(json_object_get(
	                     json_object_get(json_object_get(run, "tool"), "driver"), "rules")),
	                 9);
	json_decref(j);
	free(out);
}

/* A diagnostic with no file is about the run: a tool notification in SARIF
 * (GitHub rejects results without a location), a bare line in text. */
static void test_diagnostic_without_file(void **state)
{
	(void)state;
	struct pf_report r;
	pf_report_init(&r);
	pf_report_add_diagnostic(&r, "unmatched-rule", PF_SEV_WARNING, NULL, 0, 0,
	                         "sinks[0] matched nothing");
	pf_report_add_diagnostic(&r, "analysis-budget", PF_SEV_WARNING, "big.c", 10, 1,
	                         "stopped after 10000 steps");
	pf_report_sort(&r);
	char *text = write_to_string(pf_report_write_text, &r);
	assert_string_equal(text,
	                    "warning: sinks[0] matched nothing [unmatched-rule]\n"
	                    "big.c:10:1: warning: stopped after 10000 steps [analysis-budget]\n"
	                    "piiflow: 0 errors, 0 warnings; 0 accepted (0 by consent, 0 by the "
	                    "baseline), 0 suppressed; 0 translation units, 0 functions analyzed "
	                    "in 0.00 s\n");
	free(text);

	char *out = write_to_string(pf_report_write_sarif, &r);
	json_t *j = load(out);
	json_t *run = json_array_get(json_object_get(j, "runs"), 0);
	assert_int_equal(json_array_size(json_object_get(run, "results")), 1);
	assert_string_equal(jstr(run, "results[0].ruleId"), "analysis-budget");
	assert_string_equal(jstr(run, "results[0].ruleIndex"), "9");
	assert_string_equal(jstr(run, "tool.driver.rules[9].id"), "analysis-budget");
	assert_non_null(strstr(jstr(run, "tool.driver.rules[9].help.text"), "limit"));
	json_t *inv = json_array_get(json_object_get(run, "invocations"), 0);
	assert_true(json_is_true(json_object_get(inv, "executionSuccessful")));
	assert_string_equal(jstr(inv, "toolExecutionNotifications[0].level"), "warning");
	assert_string_equal(jstr(inv, "toolExecutionNotifications[0].message.text"),
	                    "sinks[0] matched nothing");
	assert_string_equal(jstr(inv, "toolExecutionNotifications[0].associatedRule.id"),
	                    "unmatched-rule");
	assert_string_equal(jstr(inv, "toolExecutionNotifications[0].associatedRule.index"), "7");
	json_decref(j);
	free(out);
	pf_report_free(&r);
}

/* ---- failures -------------------------------------------------------------- */

static void test_write_failure_is_reported(void **state)
{
	FILE *full = fopen("/dev/full", "w");
	if (!full)
		skip();
	writer_fn writers[] = {pf_report_write_text, pf_report_write_json, pf_report_write_sarif};
	for (size_t i = 0; i < 3; i++) {
		errno = 0;
		assert_int_equal(writers[i](full, *state), -1);
		assert_int_not_equal(errno, 0);
		clearerr(full);
	}
	fclose(full);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_text_is_compiler_style, setup, teardown),
	    cmocka_unit_test(test_text_of_empty_report_is_the_summary),
	    cmocka_unit_test_setup_teardown(test_json_layout_is_deterministic, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_json_values, setup, teardown),
	    cmocka_unit_test(test_json_of_empty_report),
	    cmocka_unit_test_setup_teardown(test_sarif_rules, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_sarif_results, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_sarif_srcroot_is_cwd, setup, teardown),
	    cmocka_unit_test(test_sarif_of_empty_report),
	    cmocka_unit_test(test_diagnostic_without_file),
	    cmocka_unit_test_setup_teardown(test_write_failure_is_reported, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
