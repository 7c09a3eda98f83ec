/*
 * Unit tests of baselines and of the config's policy applied to a report:
 * a baseline written and read back accepts exactly the findings it recorded
 * (as a multiset, so that a second identical call is still new), survives
 * moved lines, is written the same way twice, and a damaged baseline is an
 * error naming the file and the entry. pf_policy_apply gives severities,
 * drops "off" purposes and excluded files.
 */
#define _XOPEN_SOURCE 700 /* nftw */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "policy/policy.h"

#include "scratch.h"

struct fixture {
	char old_cwd[PATH_MAX];
	char tmp[PATH_MAX];
	struct pf_report r;
	struct pf_baseline b;
	struct pf_config cfg;
	struct pf_error err;
	char msg[2048];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	const char *base = getenv("TMPDIR");
	char templ[PATH_MAX];
	snprintf(templ, sizeof(templ), "%s/pf_baseline_XXXXXX", base && *base ? base : P_tmpdir);
	if (!f || !getcwd(f->old_cwd, sizeof(f->old_cwd)) || !mkdtemp(templ) || chdir(templ) != 0 ||
	    !getcwd(f->tmp, sizeof(f->tmp)))
		return -1;
	pf_report_init(&f->r);
	pf_baseline_init(&f->b);
	pf_config_init(&f->cfg);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	pf_report_free(&f->r);
	pf_baseline_free(&f->b);
	pf_config_free(&f->cfg);
	if (chdir(f->old_cwd) != 0)
		return -1;
	pf_scratch_remove(f->tmp);
	free(f);
	return 0;
}

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static char *read_file(const char *path)
{
	FILE *fp = fopen(path, "r");
	assert_non_null(fp);
	static char buf[65536];
	size_t n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

/* A finding in function fn reaching callee at line, of purpose and category. */
static void add(struct pf_report *r, const char *fn, const char *callee, unsigned line,
                const char *purpose, const char *category)
{
	char rule[64];
	snprintf(rule, sizeof(rule), "pii-to-%s", purpose);
	struct pf_finding f = {0};
	f.rule = rule;
	f.severity = PF_SEV_ERROR;
	f.purpose = (char *)purpose;
	f.category = (char *)category;
	f.source = (struct pf_pos){"user.h", 3, 7};
	f.source_name = "email";
	f.source_function = "";
	f.sink = (struct pf_pos){"ads.c", line, 2};
	f.sink_function = (char *)fn;
	f.sink_callee = (char *)callee;
	f.sink_argument = 1;
	pf_report_add_finding(r, &f);
}

static const char *load_error(struct fixture *f, const char *text)
{
	write_file("b.json", text);
	assert_int_equal(pf_baseline_load(&f->b, "b.json", &f->err), -1);
	assert_int_equal(f->b.n, 0);
	pf_error_format(&f->err, "error", f->msg, sizeof(f->msg));
	return f->msg;
}

static void test_round_trip_across_moved_lines(void **state)
{
	struct fixture *f = *state;
	add(&f->r, "on_login", "ads_event", 12, "advertising", "user.contact.email");
	add(&f->r, "on_logout", "stats_event", 30, "analytics", "user.contact.email");
	assert_int_equal(pf_baseline_write(&f->r, "base.json", &f->err), 0);
	char first[65536];
	snprintf(first, sizeof(first), "%s", read_file("base.json"));
	assert_non_null(strstr(first, "\"piiflow_baseline\": 2"));
	assert_non_null(strstr(first, "\"fingerprint\": \""));
	assert_non_null(strstr(first, "\"callee\": \"ads_event\""));
	assert_null(strstr(first, "\"line\""));

	/* The same code, lines moved: everything is baselined. */
	pf_report_free(&f->r);
	add(&f->r, "on_logout", "stats_event", 45, "analytics", "user.contact.email");
	add(&f->r, "on_login", "ads_event", 19, "advertising", "user.contact.email");
	assert_int_equal(pf_baseline_load(&f->b, "base.json", &f->err), 0);
	assert_int_equal(f->b.n, 2);
	pf_baseline_apply(&f->b, &f->r, NULL);
	assert_int_equal(f->r.nfindings, 0);
	assert_int_equal(f->r.naccepted, 2);
	assert_string_equal(f->r.accepted[0].accepted_by, "baseline");
	assert_null(f->r.accepted[0].reason);
	assert_int_equal(pf_report_summary(&f->r).baselined, 2);

	/* Rewriting from the baselined run gives the same bytes. */
	assert_int_equal(pf_baseline_write(&f->r, "again.json", &f->err), 0);
	assert_string_equal(read_file("again.json"), first);
}

static void test_new_findings_stay(void **state)
{
	struct fixture *f = *state;
	add(&f->r, "on_login", "ads_event", 12, "advertising", "user.contact.email");
	assert_int_equal(pf_baseline_write(&f->r, "base.json", &f->err), 0);
	assert_int_equal(pf_baseline_load(&f->b, "base.json", &f->err), 0);

	pf_report_free(&f->r);
	add(&f->r, "on_login", "ads_event", 12, "advertising", "user.contact.email");
	/* Another category, another sink function, another callee. */
	add(&f->r, "on_login", "ads_event", 12, "advertising", "user.name");
	add(&f->r, "on_signup", "ads_event", 40, "advertising", "user.contact.email");
	add(&f->r, "on_login", "ads_track", 14, "advertising", "user.contact.email");
	/* The same call twice: the baseline recorded it once, so the later one
	 * (in file and line order) is new. */
	add(&f->r, "on_login", "ads_event", 20, "advertising", "user.contact.email");
	pf_baseline_apply(&f->b, &f->r, NULL);
	assert_int_equal(f->r.naccepted, 1);
	assert_int_equal(f->r.accepted[0].sink.line, 12);
	assert_string_equal(f->r.accepted[0].category, "user.contact.email");
	assert_int_equal(f->r.nfindings, 4);
	for (size_t i = 0; i < f->r.nfindings; i++)
		assert_false(f->r.findings[i].sink.line == 12 &&
		             strcmp(f->r.findings[i].category, "user.contact.email") == 0);
}

static void test_multiset(void **state)
{
	struct fixture *f = *state;
	add(&f->r, "on_login", "ads_event", 12, "advertising", "user.contact.email");
	add(&f->r, "on_login", "ads_event", 13, "advertising", "user.contact.email");
	assert_int_equal(pf_baseline_write(&f->r, "base.json", &f->err), 0);
	assert_int_equal(pf_baseline_load(&f->b, "base.json", &f->err), 0);
	assert_int_equal(f->b.n, 2);
	assert_string_equal(f->b.fingerprints[0], f->b.fingerprints[1]);
	pf_report_free(&f->r);
	for (unsigned line = 12; line < 15; line++)
		add(&f->r, "on_login", "ads_event", line, "advertising", "user.contact.email");
	pf_baseline_apply(&f->b, &f->r, NULL);
	assert_int_equal(f->r.naccepted, 2);
	assert_int_equal(f->r.nfindings, 1);
	assert_int_equal(f->r.findings[0].sink.line, 14);
}

static void test_load_errors(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(pf_baseline_load(&f->b, "none.json", &f->err), -1);
	pf_error_format(&f->err, "error", f->msg, sizeof(f->msg));
	assert_string_equal(f->msg, "none.json: error: cannot read baseline: No such file or "
	                            "directory");
	const char *m = load_error(f, "{\"piiflow_baseline\": 1,\n \"findings\": [\n");
	assert_non_null(strstr(m, "b.json:3"));
	assert_non_null(strstr(m, "invalid JSON"));
	m = load_error(f, "{\"findings\": []}");
	assert_non_null(strstr(m, "b.json:1:1: error: not a piiflow baseline"));
	m = load_error(f, "{\"piiflow_baseline\": 3, \"findings\": []}");
	assert_string_equal(m, "b.json:1:2: error: at piiflow_baseline: unsupported baseline "
	                       "version (this piiflow reads versions 1 to 2)");
	m = load_error(f, "{\"piiflow_baseline\": 1, \"findings\": {}}");
	assert_non_null(strstr(m, "at findings: \"findings\" must be an array"));
	m = load_error(f, "{\"piiflow_baseline\": 1, \"findings\": [\n"
	                  "  {\"fingerprint\": \"0123456789abcdef0123456789abcdef\"},\n"
	                  "  {\"fingerprint\": \"0123\"}]}");
	assert_string_equal(m, "b.json:3:4: error: at findings[1].fingerprint: \"fingerprint\" "
	                       "must be 32 lower-case hex digits");
	m = load_error(f, "{\"piiflow_baseline\": 1, \"findings\": [3]}");
	assert_non_null(strstr(m, "at findings[0]: each recorded finding must be an object"));
}

/* A baseline of version 1 (one fingerprint per source and sink, before one
 * finding per sink call) still accepts a finding when it records the
 * version 1 fingerprints of all of its sources, and only then. */
static void test_version_1_migration(void **state)
{
	struct fixture *f = *state;
	struct pf_finding_source two[2] = {
	    {"user.contact.email", {"user.h", 3, 7}, "email", "", NULL, NULL, 0},
	    {"user.name", {"user.h", 4, 7}, "name", "", NULL, NULL, 0},
	};
	struct pf_finding g = {0};
	g.rule = "pii-to-advertising";
	g.severity = PF_SEV_ERROR;
	g.purpose = "advertising";
	g.sources = two;
	g.nsources = 2;
	g.sink = (struct pf_pos){"ads.c", 12, 2};
	g.sink_function = "on_login";
	g.sink_callee = "ads_event";
	g.sink_argument = 1;
	char v1a[33], v1b[33], text[512];
	pf_finding_fingerprint_v1(&g, 0, v1a);
	pf_finding_fingerprint_v1(&g, 1, v1b);

	/* both sources recorded: accepted */
	snprintf(text, sizeof(text),
	         "{\"piiflow_baseline\": 1, \"findings\": [{\"fingerprint\": \"%s\"}, "
	         "{\"fingerprint\": \"%s\"}]}",
	         v1a, v1b);
	write_file("old.json", text);
	assert_int_equal(pf_baseline_load(&f->b, "old.json", &f->err), 0);
	assert_int_equal(f->b.version, 1);
	pf_report_add_finding(&f->r, &g);
	pf_baseline_apply(&f->b, &f->r, NULL);
	assert_int_equal(f->r.nfindings, 0);
	assert_int_equal(f->r.naccepted, 1);
	pf_baseline_free(&f->b);
	pf_report_free(&f->r);

	/* one source is new: the finding is reported */
	snprintf(text, sizeof(text),
	         "{\"piiflow_baseline\": 1, \"findings\": [{\"fingerprint\": \"%s\"}]}", v1a);
	write_file("old.json", text);
	assert_int_equal(pf_baseline_load(&f->b, "old.json", &f->err), 0);
	pf_report_add_finding(&f->r, &g);
	pf_baseline_apply(&f->b, &f->r, NULL);
	assert_int_equal(f->r.nfindings, 1);
	assert_int_equal(f->r.naccepted, 0);

	/* rewritten, it is of version 2 and matches by the new fingerprint */
	assert_int_equal(pf_baseline_write(&f->r, "new.json", &f->err), 0);
	pf_baseline_free(&f->b);
	assert_int_equal(pf_baseline_load(&f->b, "new.json", &f->err), 0);
	assert_int_equal(f->b.version, 2);
	assert_non_null(strstr(read_file("new.json"), "\"category\": \"user.name\""));
	pf_baseline_apply(&f->b, &f->r, NULL);
	assert_int_equal(f->r.nfindings, 0);
}

static void test_write_error(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(pf_baseline_write(&f->r, "no/such/dir/base.json", &f->err), -1);
	assert_string_equal(f->err.file, "no/such/dir/base.json");
	assert_non_null(strstr(f->err.text, "cannot write baseline: "));
}

static void test_policy_apply(void **state)
{
	struct fixture *f = *state;
	mkdir("vendor", 0755);
	write_file("vendor/sdk.c", "\n");
	write_file("ads.c", "\n");
	write_file(
	    ".piiflow.json",
	    "{\"exclude\": [\"vendor\"], \"policy\": {\n"
	    "  \"advertising\": \"warning\", \"marketing\": \"off\",\n"
	    "  \"analytics\": {\"categories\": {\"user.unique_id.pseudonymous\": \"off\"}}}}");
	assert_int_equal(pf_config_load(&f->cfg, ".piiflow.json", &f->err), 0);
	add(&f->r, "f", "ads_event", 1, "advertising", "user.contact.email");
	add(&f->r, "f", "mail_event", 2, "marketing", "user.contact.email");
	add(&f->r, "f", "stats_event", 3, "analytics", "user.unique_id.pseudonymous");
	add(&f->r, "f", "stats_event", 4, "analytics", "user.unique_id");
	add(&f->r, "f", "other_event", 5, "telemetry", "user.name");
	struct pf_finding consented = f->r.findings[0];
	consented.accepted_by = "consent";
	pf_report_add_finding(&f->r, &consented);
	free(f->r.findings[4].sink.file);
	f->r.findings[4].sink.file = strdup("vendor/sdk.c");
	pf_report_add_diagnostic(&f->r, "unknown-category", PF_SEV_WARNING, "vendor/sdk.c", 1, 1,
	                         "x");
	pf_report_add_diagnostic(&f->r, "unknown-category", PF_SEV_WARNING, "ads.c", 1, 1, "y");
	f->r.summary.functions = 7;

	pf_policy_apply(&f->r, &f->cfg);
	assert_int_equal(f->r.nfindings, 2);
	assert_int_equal(f->r.findings[0].sink.line, 1);
	assert_int_equal(f->r.findings[0].severity, PF_SEV_WARNING);
	assert_int_equal(f->r.findings[1].sink.line, 4);
	assert_int_equal(f->r.findings[1].severity, PF_SEV_ERROR);
	assert_int_equal(f->r.naccepted, 1);
	assert_int_equal(f->r.accepted[0].severity, PF_SEV_WARNING);
	assert_int_equal(f->r.ndiagnostics, 1);
	assert_string_equal(f->r.diagnostics[0].pos.file, "ads.c");
	assert_int_equal(f->r.summary.functions, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_round_trip_across_moved_lines, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_new_findings_stay, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_multiset, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_load_errors, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_version_1_migration, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_write_error, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_policy_apply, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
