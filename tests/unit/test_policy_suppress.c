/*
 * Unit tests of suppression comments (SPEC section 4): what the scanner takes
 * for a `piiflow-allow(RULE): REASON` (only comments, never string literals
 * or prose), which findings one accepts (its rule, on its line or the line
 * below), and what it reports when it has no reason or matches nothing.
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
#include "util/unsaved.h"

#include "scratch.h"

static void scan(const char *text, struct pf_suppressions *out)
{
	memset(out, 0, sizeof(*out));
	pf_suppress_scan(text, strlen(text), out);
}

static void test_scan_line_and_block_comments(void **state)
{
	(void)state;
	struct pf_suppressions s;
	scan("int a;\n"
	     "\tads(x); // piiflow-allow(pii-to-advertising): partner contract ADS-12\n"
	     "/* piiflow-allow( pii-to-analytics , pii-to-marketing ):  crash reports */ f();\n"
	     "/*\n"
	     " * piiflow-allow(pii-to-*): reviewed by privacy, 2024-05\n"
	     " */\n",
	     &s);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.v[0].line, 2);
	assert_int_equal(s.v[0].column, 13);
	assert_string_equal(s.v[0].rules, "pii-to-advertising");
	assert_string_equal(s.v[0].reason, "partner contract ADS-12");
	assert_null(s.v[0].problem);
	assert_int_equal(s.v[1].line, 3);
	assert_int_equal(s.v[1].column, 4);
	assert_string_equal(s.v[1].rules, "pii-to-analytics , pii-to-marketing");
	/* The reason ends with the comment. */
	assert_string_equal(s.v[1].reason, "crash reports");
	assert_int_equal(s.v[2].line, 5);
	assert_string_equal(s.v[2].reason, "reviewed by privacy, 2024-05");
	pf_suppressions_free(&s);
}

static void test_scan_ignores_code_strings_and_prose(void **state)
{
	(void)state;
	struct pf_suppressions s;
	scan("const char *a = \"// piiflow-allow(pii-to-advertising): no\";\n"
	     "char q = '\"'; const char *b = \"\\\" /* piiflow-allow(x): no */\";\n"
	     "int piiflow_allow = 1; /* write piiflow-allow then the rule */\n"
	     "// see the piiflow-allow syntax in the README\n",
	     &s);
	assert_int_equal(s.n, 0);
	pf_suppressions_free(&s);
}

static void test_scan_invalid(void **state)
{
	(void)state;
	struct pf_suppressions s;
	scan("// piiflow-allow(pii-to-advertising)\n"
	     "// piiflow-allow(pii-to-advertising):   \n"
	     "/* piiflow-allow(pii-to-advertising): */\n"
	     "// piiflow-allow(): because\n"
	     "// piiflow-allow(pii-to-advertising: because\n",
	     &s);
	assert_int_equal(s.n, 5);
	for (size_t i = 0; i < 3; i++) {
		assert_string_equal(s.v[i].problem, "has no reason");
		assert_null(s.v[i].reason);
	}
	assert_string_equal(s.v[3].problem, "names no rule");
	assert_string_equal(s.v[4].problem, "has no closing parenthesis");
	pf_suppressions_free(&s);
}

static void test_scan_line_numbers(void **state)
{
	(void)state;
	struct pf_suppressions s;
	/* CRLF, a spliced line comment, and a multi-line block comment. */
	scan("a();\r\n"
	     "// first line \\\n"
	     "   piiflow-allow(r1): spliced\r\n"
	     "/* one\n"
	     "   two */ b(); // piiflow-allow(r2): after code\n",
	     &s);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.v[0].line, 3);
	assert_string_equal(s.v[0].reason, "spliced");
	assert_int_equal(s.v[1].line, 5);
	assert_string_equal(s.v[1].reason, "after code");
	pf_suppressions_free(&s);
}

static void test_rule_matches(void **state)
{
	(void)state;
	assert_true(pf_suppress_rule_matches("pii-to-advertising", "pii-to-advertising"));
	assert_false(pf_suppress_rule_matches("pii-to-advertising", "pii-to-analytics"));
	assert_true(
	    pf_suppress_rule_matches("pii-to-analytics, pii-to-advertising", "pii-to-advertising"));
	assert_true(pf_suppress_rule_matches("pii-to-*", "pii-to-marketing"));
	assert_false(pf_suppress_rule_matches("pii-to-ad", "pii-to-advertising"));
	assert_false(pf_suppress_rule_matches(" , ", "pii-to-advertising"));
}

/* ---- applying to a report --------------------------------------------- */

struct fixture {
	char old_cwd[PATH_MAX];
	char tmp[PATH_MAX];
	struct pf_report r;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	const char *base = getenv("TMPDIR");
	char templ[PATH_MAX];
	snprintf(templ, sizeof(templ), "%s/pf_suppress_XXXXXX", base && *base ? base : P_tmpdir);
	if (!f || !getcwd(f->old_cwd, sizeof(f->old_cwd)) || !mkdtemp(templ) || chdir(templ) != 0 ||
	    !getcwd(f->tmp, sizeof(f->tmp)))
		return -1;
	pf_report_init(&f->r);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	pf_report_free(&f->r);
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

static void add(struct pf_report *r, const char *file, unsigned line, const char *rule)
{
	struct pf_finding f = {0};
	f.rule = (char *)rule;
	f.severity = PF_SEV_ERROR;
	f.purpose = (char *)(rule + strlen("pii-to-"));
	f.category = "user.contact.email";
	f.source = (struct pf_pos){(char *)file, 1, 1};
	f.source_name = "email";
	f.sink = (struct pf_pos){(char *)file, line, 2};
	f.sink_function = "on_login";
	f.sink_callee = "ads_event";
	pf_report_add_finding(r, &f);
}

static const struct pf_finding *accepted_at(const struct pf_report *r, unsigned line)
{
	for (size_t i = 0; i < r->naccepted; i++)
		if (r->accepted[i].sink.line == line)
			return &r->accepted[i];
	return NULL;
}

static void test_apply(void **state)
{
	struct fixture *f = *state;
	write_file("ads.c", "void f(void)\n"                                            /* 1 */
	                    "{\n"                                                       /* 2 */
	                    "\t// piiflow-allow(pii-to-advertising): contract ADS-12\n" /* 3 */
	                    "\tads();\n"                                                /* 4 */
	                    "\tads(); /* piiflow-allow(pii-to-*): reviewed */\n"        /* 5 */
	                    "\t// piiflow-allow(pii-to-advertising): two lines up\n"    /* 6 */
	                    "\n"                                                        /* 7 */
	                    "\tads();\n"                                                /* 8 */
	                    "\tads(); // piiflow-allow(pii-to-marketing): other rule\n" /* 9 */
	                    "\tads(); // piiflow-allow(pii-to-advertising)\n"           /* 10 */
	                    "}\n");
	add(&f->r, "ads.c", 4, "pii-to-advertising");
	add(&f->r, "ads.c", 4, "pii-to-analytics"); /* another rule on the same line */
	add(&f->r, "ads.c", 5, "pii-to-analytics");
	add(&f->r, "ads.c", 8, "pii-to-advertising");
	add(&f->r, "ads.c", 9, "pii-to-advertising");
	add(&f->r, "ads.c", 10, "pii-to-advertising");
	char abs[PATH_MAX + 16];
	snprintf(abs, sizeof(abs), "%s/ads.c", f->tmp);
	/* The same file under two names is read once. */
	char *files[] = {"ads.c", abs, "./ads.c", "gone.c"};
	pf_suppress_apply(&f->r, files, 4, NULL, 0);

	assert_int_equal(f->r.naccepted, 2);
	const struct pf_finding *a = accepted_at(&f->r, 4);
	assert_non_null(a);
	assert_string_equal(a->rule, "pii-to-advertising");
	assert_string_equal(a->accepted_by, "suppression");
	assert_string_equal(a->reason, "contract ADS-12");
	a = accepted_at(&f->r, 5);
	assert_non_null(a);
	assert_string_equal(a->reason, "reviewed");
	assert_int_equal(f->r.nfindings, 4);

	/* Line 6 (two lines above a finding), line 9 (another rule): unused;
	 * line 10: no reason. One diagnostic each, nothing else. */
	assert_int_equal(f->r.ndiagnostics, 3);
	pf_report_sort(&f->r);
	const struct pf_diagnostic *d = f->r.diagnostics;
	assert_string_equal(d[0].rule, "unused-suppression");
	assert_int_equal(d[0].pos.line, 6);
	assert_int_equal(d[0].pos.column, 5);
	assert_int_equal(d[0].severity, PF_SEV_WARNING);
	assert_string_equal(d[0].pos.file, "ads.c");
	assert_non_null(strstr(d[0].message, "'piiflow-allow(pii-to-advertising)' matches no "
	                                     "finding"));
	assert_string_equal(d[1].rule, "unused-suppression");
	assert_int_equal(d[1].pos.line, 9);
	assert_string_equal(d[2].rule, "invalid-suppression");
	assert_int_equal(d[2].pos.line, 10);
	assert_non_null(strstr(d[2].message, "has no reason"));
	struct pf_summary_counts c = pf_report_summary(&f->r);
	assert_int_equal(c.suppressed, 2);
	assert_int_equal(c.findings, 4);
}

static void test_apply_only_to_its_file(void **state)
{
	struct fixture *f = *state;
	write_file("a.c", "// piiflow-allow(pii-to-advertising): only here\nads();\n");
	write_file("b.c", "\nads();\n");
	add(&f->r, "b.c", 2, "pii-to-advertising");
	char *files[] = {"a.c", "b.c"};
	pf_suppress_apply(&f->r, files, 2, NULL, 0);
	assert_int_equal(f->r.nfindings, 1);
	assert_int_equal(f->r.naccepted, 0);
	assert_int_equal(f->r.ndiagnostics, 1);
	assert_string_equal(f->r.diagnostics[0].pos.file, "a.c");
	assert_string_equal(f->r.diagnostics[0].rule, "unused-suppression");
}

/* An editor's unsaved buffer is read instead of the file on disk: the
 * suppression typed there counts, the one deleted there no longer does. */
static void test_apply_unsaved(void **state)
{
	struct fixture *f = *state;
	write_file("a.c", "\nads();\n");
	write_file("b.c", "// piiflow-allow(pii-to-advertising): saved\nads();\n");
	add(&f->r, "a.c", 2, "pii-to-advertising");
	add(&f->r, "b.c", 2, "pii-to-advertising");
	char a[PATH_MAX + 16], b[PATH_MAX + 16];
	snprintf(a, sizeof(a), "%s/a.c", f->tmp);
	snprintf(b, sizeof(b), "%s/b.c", f->tmp);
	char ra[PATH_MAX], rb[PATH_MAX];
	assert_non_null(realpath(a, ra));
	assert_non_null(realpath(b, rb));
	const char *ta = "// piiflow-allow(pii-to-advertising): typed, not saved\nads();\n";
	const char *tb = "\nads();\n";
	struct pf_unsaved_file unsaved[] = {{ra, ta, strlen(ta)}, {rb, tb, strlen(tb)}};
	char *files[] = {"a.c", "b.c"};
	pf_suppress_apply(&f->r, files, 2, unsaved, 2);
	assert_int_equal(f->r.naccepted, 1);
	assert_string_equal(f->r.accepted[0].sink.file, "a.c");
	assert_string_equal(f->r.accepted[0].reason, "typed, not saved");
	assert_int_equal(f->r.nfindings, 1);
	assert_string_equal(f->r.findings[0].sink.file, "b.c");
	assert_int_equal(f->r.ndiagnostics, 0);
}

/* A language server's cache: a file's comments come from it while the file
 * on disk is the one scanned; a file changed on disk, or replaced by a
 * buffer, is read again, so the result is always pf_suppress_apply's. */
static void test_apply_cached(void **state)
{
	struct fixture *f = *state;
	write_file("a.c", "// piiflow-allow(pii-to-advertising): cached\nads();\n");
	write_file("b.c", "\nads();\n");
	char *files[] = {"a.c", "b.c", "gone.c"};
	struct pf_suppress_cache *c = pf_suppress_cache_new();
	pf_suppress_cache_update(c, files, 3);
	add(&f->r, "a.c", 2, "pii-to-advertising");
	add(&f->r, "b.c", 2, "pii-to-advertising");
	pf_suppress_apply_cached(&f->r, files, 3, NULL, 0, c);
	assert_int_equal(f->r.naccepted, 1);
	assert_string_equal(f->r.accepted[0].sink.file, "a.c");
	assert_string_equal(f->r.accepted[0].reason, "cached");
	assert_int_equal(f->r.ndiagnostics, 0);

	/* on disk, b.c gains a suppression and a.c loses its own; the cache
	 * is not told */
	write_file("a.c", "\nads();\n");
	write_file("b.c", "// piiflow-allow(pii-to-advertising): written later\nads();\n");
	struct pf_report r;
	pf_report_init(&r);
	add(&r, "a.c", 2, "pii-to-advertising");
	add(&r, "b.c", 2, "pii-to-advertising");
	pf_suppress_apply_cached(&r, files, 3, NULL, 0, c);
	assert_int_equal(r.naccepted, 1);
	assert_string_equal(r.accepted[0].sink.file, "b.c");
	assert_string_equal(r.accepted[0].reason, "written later");
	pf_report_free(&r);

	/* scanned again; then a buffer replaces b.c without the comment */
	pf_suppress_cache_update(c, files, 3);
	char b[PATH_MAX + 16], rb[PATH_MAX];
	snprintf(b, sizeof(b), "%s/b.c", f->tmp);
	assert_non_null(realpath(b, rb));
	const char *tb = "\nads();\n";
	struct pf_unsaved_file unsaved[] = {{rb, tb, strlen(tb)}};
	pf_report_init(&r);
	add(&r, "a.c", 2, "pii-to-advertising");
	add(&r, "b.c", 2, "pii-to-advertising");
	pf_suppress_apply_cached(&r, files, 3, unsaved, 1, c);
	assert_int_equal(r.naccepted, 0);
	assert_int_equal(r.nfindings, 2);
	assert_int_equal(r.ndiagnostics, 0);
	pf_report_free(&r);
	pf_suppress_cache_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_scan_line_and_block_comments),
	    cmocka_unit_test(test_scan_ignores_code_strings_and_prose),
	    cmocka_unit_test(test_scan_invalid),
	    cmocka_unit_test(test_scan_line_numbers),
	    cmocka_unit_test(test_rule_matches),
	    cmocka_unit_test_setup_teardown(test_apply, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_apply_only_to_its_file, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_apply_unsaved, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_apply_cached, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
