/*
 * The report model's contract: fingerprints that survive moved lines and
 * files but tell different flows apart (a baseline depends on both), deep
 * copies, accepting a finding, and a sort that makes two runs print the same
 * report whatever order the engine found things in.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "findings/findings.h"

/* XXH3-128 of "piiflow-fingerprint-2" US "pii-to-advertising" US
 * "ads_event" US "1" US "send_login" US "user.contact.email" US "0" US
 * (US = 0x1F), as `xxhsum -H2` prints it: the fingerprint (version 2) of
 * sample(). */
#define PF_TEST_PINNED_FINGERPRINT "d89f4aa357b7cf55823007dbeca86d88"
/* Version 1, which baselines written before one finding per sink call
 * hold: XXH3-128 of "pii-to-advertising" US "user.contact.email" US "email"
 * US US "ads_event" US "1" US "send_login" US. */
#define PF_TEST_PINNED_FINGERPRINT_V1 "29589bf05785b4c055e10663807bdced"
/* Version 2 with the categories user.contact.email and user.name. */
#define PF_TEST_PINNED_FINGERPRINT_TWO "b27ca342caefb8df5dd847fadcbf6dd5"

/* A finding as the engine would build it; every string is a literal, so it
 * must only be passed to functions that copy. */
static struct pf_finding sample(void)
{
	static struct pf_trace_step trace[] = {
	    {{"src/session.c", 22, 9}, "copied into 'buf' by 'snprintf'"},
	    {{"src/ads.c", 38, 5}, "passed to 'send_login' as argument 1"},
	};
	struct pf_finding f = {0};
	f.rule = "pii-to-advertising";
	f.severity = PF_SEV_ERROR;
	f.message = "personal data 'user.contact.email' reaches advertising sink 'ads_event' "
	            "(argument 2)";
	f.purpose = "advertising";
	f.category = "user.contact.email";
	f.source = (struct pf_pos){"src/user.h", 7, 10};
	f.source_name = "email";
	f.source_function = "";
	f.sink = (struct pf_pos){"src/ads.c", 41, 5};
	f.sink_function = "send_login";
	f.sink_callee = "ads_event";
	f.sink_argument = 1;
	f.trace = trace;
	f.ntrace = 2;
	return f;
}

static void fingerprint_of(const struct pf_finding *f, char out[33])
{
	struct pf_finding c = *f;
	pf_finding_fingerprint(&c);
	memcpy(out, c.fingerprint, 33);
}

static void test_fingerprint_format_and_pinned_value(void **state)
{
	(void)state;
	struct pf_finding f = sample();
	char fp[33];
	fingerprint_of(&f, fp);
	assert_int_equal(strlen(fp), 32);
	for (size_t i = 0; i < 32; i++)
		assert_non_null(strchr("0123456789abcdef", fp[i]));
	/* Baselines store this value: it must never change by accident. */
	assert_string_equal(fp, PF_TEST_PINNED_FINGERPRINT);
	char v1[33];
	pf_finding_fingerprint_v1(&f, 0, v1);
	assert_string_equal(v1, PF_TEST_PINNED_FINGERPRINT_V1);
}

/* One finding per sink call: the fingerprint hashes the set of categories
 * (sorted, each once) and not the sources' names; version 1 is still
 * computed per source. */
static void test_fingerprint_of_several_sources(void **state)
{
	(void)state;
	struct pf_finding f = sample();
	struct pf_finding_source s[3] = {
	    {"user.name", {"src/user.h", 8, 7}, "name", "", NULL, NULL, 0},
	    {"user.contact.email", {"src/user.h", 7, 10}, "email", "", NULL, NULL, 0},
	    {"user.name", {"src/user.h", 9, 7}, "nick", "", NULL, NULL, 0},
	};
	f.sources = s;
	f.nsources = 3;
	char fp[33];
	fingerprint_of(&f, fp);
	assert_string_equal(fp, PF_TEST_PINNED_FINGERPRINT_TWO);
	char v1[33];
	pf_finding_fingerprint_v1(&f, 1, v1);
	assert_string_equal(v1, PF_TEST_PINNED_FINGERPRINT_V1);
	pf_finding_fingerprint_v1(&f, 0, v1);
	assert_string_not_equal(v1, PF_TEST_PINNED_FINGERPRINT_V1);
	/* the message names every category once, the first source's first */
	struct pf_report r;
	pf_report_init(&r);
	f.message = NULL;
	pf_report_add_finding(&r, &f);
	assert_string_equal(
	    r.findings[0].message,
	    "personal data 'user.name' and 'user.contact.email' reaches advertising "
	    "sink 'ads_event' (argument 2)");
	assert_string_equal(r.findings[0].category, "user.name");
	assert_string_equal(r.findings[0].source_name, "name");
	assert_int_equal(r.findings[0].nsources, 3);
	pf_report_free(&r);
}

/* Two calls with the same key in one function are told apart by their
 * rank, in the order of their positions, whatever order they came in. */
static void test_rank_tells_calls_apart(void **state)
{
	(void)state;
	struct pf_report r;
	pf_report_init(&r);
	struct pf_finding f = sample();
	f.sink = (struct pf_pos){"src/ads.c", 50, 5};
	pf_report_add_finding(&r, &f);
	f.sink = (struct pf_pos){"src/ads.c", 41, 5};
	pf_report_add_finding(&r, &f);
	f.sink_callee = "ads_other";
	pf_report_add_finding(&r, &f);
	pf_report_rank(&r);
	assert_int_equal(r.findings[0].rank, 1);
	assert_int_equal(r.findings[1].rank, 0);
	assert_int_equal(r.findings[2].rank, 0);
	assert_string_equal(r.findings[1].fingerprint, PF_TEST_PINNED_FINGERPRINT);
	assert_string_not_equal(r.findings[0].fingerprint, r.findings[1].fingerprint);
	pf_report_free(&r);
}

static void test_fingerprint_ignores_positions(void **state)
{
	(void)state;
	struct pf_finding f = sample();
	char a[33], b[33];
	fingerprint_of(&f, a);

	f.sink = (struct pf_pos){"lib/other/ads.c", 900, 1};
	f.source = (struct pf_pos){"include/user.h", 1, 77};
	f.ntrace = 0;
	f.message = "a message worded differently";
	f.severity = PF_SEV_WARNING;
	fingerprint_of(&f, b);
	assert_string_equal(a, b);
}

static void test_fingerprint_tells_flows_apart(void **state)
{
	(void)state;
	struct pf_finding base = sample();
	char ref[33], fp[33];
	fingerprint_of(&base, ref);

	struct pf_finding v[8];
	for (size_t i = 0; i < 8; i++)
		v[i] = base;
	v[0].rule = "pii-to-analytics";
	v[1].category = "user.contact.phone_number";
	v[2].rank = 1;
	v[3].sink_callee = "ads_trac";
	v[3].sink_argument = 11; /* "ads_trac" "11" against "ads_track" "1" */
	v[4].sink_callee = "ads_track";
	v[5].sink_argument = 0;
	v[6].sink_function = "send_logout";
	/* Moving bytes between neighbouring fields must change the hash. */
	v[7].sink_callee = "ads_event1";
	v[7].sink_argument = 0;
	for (size_t i = 0; i < 8; i++) {
		fingerprint_of(&v[i], fp);
		assert_string_not_equal(ref, fp);
	}
}

static void test_add_finding_deep_copies(void **state)
{
	(void)state;
	struct pf_report r;
	pf_report_init(&r);
	char file[] = "src/ads.c";
	char callee[] = "ads_event";
	struct pf_finding f = sample();
	f.sink.file = file;
	f.sink_callee = callee;
	char fp[33];
	fingerprint_of(&f, fp);
	pf_report_add_finding(&r, &f);
	file[0] = 'X';
	callee[0] = 'X';
	assert_int_equal(r.nfindings, 1);
	assert_int_equal(r.naccepted, 0);
	assert_string_equal(r.findings[0].sink.file, "src/ads.c");
	assert_string_equal(r.findings[0].sink_callee, "ads_event");
	assert_int_equal(r.findings[0].ntrace, 2);
	assert_ptr_not_equal(r.findings[0].trace, f.trace);
	assert_string_equal(r.findings[0].trace[1].message, "passed to 'send_login' as argument 1");
	assert_null(r.findings[0].accepted_by);
	assert_null(r.findings[0].reason);
	/* The fingerprint was filled in, as the engine had left it empty. */
	assert_string_equal(r.findings[0].fingerprint, fp);
	pf_report_free(&r);
	assert_int_equal(r.nfindings, 0);
	assert_null(r.findings);
}

static void test_add_finding_fills_message_and_nulls(void **state)
{
	(void)state;
	struct pf_report r;
	pf_report_init(&r);
	struct pf_finding f = sample();
	f.message = NULL;
	f.source_function = NULL;
	f.ntrace = 0;
	f.trace = NULL;
	pf_report_add_finding(&r, &f);
	assert_string_equal(r.findings[0].message, "personal data 'user.contact.email' reaches "
	                                           "advertising sink 'ads_event' (argument 2)");
	assert_string_equal(r.findings[0].source_function, "");
	assert_null(r.findings[0].trace);
	pf_report_free(&r);
}

static void test_add_accepted_and_accept_moves(void **state)
{
	(void)state;
	struct pf_report r;
	pf_report_init(&r);
	struct pf_finding f = sample();
	char *callees[] = {"a0", "a1", "a2"};
	for (size_t i = 0; i < 3; i++) {
		f.sink_callee = callees[i];
		pf_report_add_finding(&r, &f);
	}
	f.sink_callee = "c";
	f.accepted_by = "consent";
	pf_report_add_finding(&r, &f);
	assert_int_equal(r.nfindings, 3);
	assert_int_equal(r.naccepted, 1);
	assert_string_equal(r.accepted[0].accepted_by, "consent");

	pf_report_accept(&r, 1, "suppression", "the user opted in at signup");
	assert_int_equal(r.nfindings, 2);
	assert_string_equal(r.findings[0].sink_callee, "a0");
	assert_string_equal(r.findings[1].sink_callee, "a2");
	assert_int_equal(r.naccepted, 2);
	assert_string_equal(r.accepted[1].sink_callee, "a1");
	assert_string_equal(r.accepted[1].accepted_by, "suppression");
	assert_string_equal(r.accepted[1].reason, "the user opted in at signup");

	pf_report_accept(&r, 1, "baseline", NULL);
	assert_int_equal(r.nfindings, 1);
	assert_string_equal(r.accepted[2].accepted_by, "baseline");
	assert_null(r.accepted[2].reason);
	/* Out of range: nothing happens. */
	pf_report_accept(&r, 5, "baseline", NULL);
	assert_int_equal(r.nfindings, 1);
	assert_int_equal(r.naccepted, 3);

	struct pf_summary_counts s = pf_report_summary(&r);
	assert_int_equal(s.findings, 1);
	assert_int_equal(s.suppressed, 1);
	assert_int_equal(s.baselined, 1);
	assert_int_equal(s.consented, 1);
	pf_report_free(&r);
}

/* Fills r with the same findings and diagnostics in an order given by perm. */
static void fill(struct pf_report *r, const size_t perm[6])
{
	struct pf_finding f[6];
	for (size_t i = 0; i < 6; i++)
		f[i] = sample();
	f[1].sink = (struct pf_pos){"src/ads.c", 12, 3};
	f[2].sink = (struct pf_pos){"src/a.c", 41, 5};
	f[3].rule = "pii-to-analytics";
	f[4].ntrace = 1;             /* same place, shorter trace */
	f[5].source_function = "zz"; /* differs only past the sort key */
	pf_report_init(r);
	for (size_t i = 0; i < 6; i++)
		pf_report_add_finding(r, &f[perm[i]]);
	/* A duplicate of every finding, as two paths of the engine may give. */
	for (size_t i = 0; i < 6; i++)
		pf_report_add_finding(r, &f[perm[5 - i]]);
	const char *msgs[] = {"b", "a", "a"};
	for (size_t i = 0; i < 3; i++)
		pf_report_add_diagnostic(r, "parse-error", PF_SEV_WARNING, "x.c", 3, 1,
		                         msgs[(perm[i] + i) % 3]);
	pf_report_add_diagnostic(r, "unknown-category", PF_SEV_WARNING, "a.c", 9, 1, "m");
}

static void test_sort_is_deterministic_and_dedups(void **state)
{
	(void)state;
	const size_t p1[6] = {0, 1, 2, 3, 4, 5}, p2[6] = {5, 3, 1, 4, 0, 2};
	struct pf_report a, b;
	fill(&a, p1);
	fill(&b, p2);
	pf_report_sort(&a);
	pf_report_sort(&b);
	assert_int_equal(a.nfindings, 6);
	assert_int_equal(b.nfindings, 6);
	for (size_t i = 0; i < 6; i++) {
		assert_string_equal(a.findings[i].sink.file, b.findings[i].sink.file);
		assert_int_equal(a.findings[i].sink.line, b.findings[i].sink.line);
		assert_string_equal(a.findings[i].rule, b.findings[i].rule);
		assert_int_equal(a.findings[i].ntrace, b.findings[i].ntrace);
		assert_string_equal(a.findings[i].source_function, b.findings[i].source_function);
		assert_string_equal(a.findings[i].fingerprint, b.findings[i].fingerprint);
	}
	/* By file, line, column, then rule. */
	assert_string_equal(a.findings[0].sink.file, "src/a.c");
	assert_int_equal(a.findings[1].sink.line, 12);
	assert_string_equal(a.findings[2].rule, "pii-to-advertising");
	assert_string_equal(a.findings[5].rule, "pii-to-analytics");

	assert_int_equal(a.ndiagnostics, 3);
	assert_int_equal(b.ndiagnostics, a.ndiagnostics);
	assert_string_equal(a.diagnostics[0].pos.file, "a.c");
	assert_string_equal(a.diagnostics[1].message, "a");
	assert_string_equal(a.diagnostics[2].message, "b");
	pf_report_free(&a);
	pf_report_free(&b);
}

static void test_counts_and_names(void **state)
{
	(void)state;
	struct pf_report r;
	pf_report_init(&r);
	struct pf_finding f = sample();
	pf_report_add_finding(&r, &f);
	f.severity = PF_SEV_WARNING;
	f.sink_callee = "w";
	pf_report_add_finding(&r, &f);
	f.accepted_by = "baseline";
	f.severity = PF_SEV_ERROR;
	pf_report_add_finding(&r, &f);
	pf_report_add_diagnostic(&r, "parse-error", PF_SEV_WARNING, "x.c", 1, 1, "m");
	assert_int_equal(pf_report_count_at_least(&r, PF_SEV_ERROR), 1);
	assert_int_equal(pf_report_count_at_least(&r, PF_SEV_WARNING), 2);
	assert_int_equal(pf_report_count_at_least(&r, PF_SEV_NOTE), 2);
	assert_int_equal(pf_report_count_diagnostics_at_least(&r, PF_SEV_ERROR), 0);
	assert_int_equal(pf_report_count_diagnostics_at_least(&r, PF_SEV_WARNING), 1);
	assert_string_equal(pf_severity_name(PF_SEV_NOTE), "note");
	assert_string_equal(pf_severity_name(PF_SEV_WARNING), "warning");
	assert_string_equal(pf_severity_name(PF_SEV_ERROR), "error");
	char *note = pf_finding_source_note(&r.findings[0]);
	assert_string_equal(note, "'email' is declared personal data (user.contact.email) here");
	free(note);
	pf_report_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fingerprint_format_and_pinned_value),
	    cmocka_unit_test(test_fingerprint_of_several_sources),
	    cmocka_unit_test(test_rank_tells_calls_apart),
	    cmocka_unit_test(test_fingerprint_ignores_positions),
	    cmocka_unit_test(test_fingerprint_tells_flows_apart),
	    cmocka_unit_test(test_add_finding_deep_copies),
	    cmocka_unit_test(test_add_finding_fills_message_and_nulls),
	    cmocka_unit_test(test_add_accepted_and_accept_moves),
	    cmocka_unit_test(test_sort_is_deterministic_and_dedups),
	    cmocka_unit_test(test_counts_and_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
