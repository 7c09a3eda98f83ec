/*
 * The rules loader's contract (SPEC section 3): the shipped packs load, every
 * kind of mistake in a rules file is an error that names the JSON path of the
 * bad entry and says what is wrong, a failed load changes nothing, and the
 * look-ups answer what the engine asks (regex sinks, variadic positions).
 * Malformed files are written into a temporary directory from a table, one
 * cmocka test per row, so that a failure names the row.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rules/rules.h"

/* The temporary directory of a group, and what the tests made in it, so that
 * teardown removes exactly that (files before their directories). */
static char tmpdir[512];
static char *made[64];
static size_t nmade;

static const char *tmp_path(const char *name)
{
	static char path[1024];
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	return path;
}

static void remember(const char *path)
{
	for (size_t i = 0; i < nmade; i++)
		if (strcmp(made[i], path) == 0)
			return;
	assert_true(nmade < sizeof(made) / sizeof(made[0]));
	made[nmade++] = strdup(path);
}

static const char *write_file(const char *name, const char *text)
{
	const char *path = tmp_path(name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	remember(path);
	return path;
}

static void make_dir(const char *name)
{
	if (mkdir(tmp_path(name), 0700) != 0 && errno != EEXIST)
		fail_msg("mkdir %s", name);
	remember(tmp_path(name));
}

static int group_setup(void **state)
{
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof(tmpdir), "%s/piiflow-test-rules-XXXXXX", base ? base : P_tmpdir);
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

/* ---- malformed files: one row per mistake ---- */

struct bad_case {
	const char *name;
	const char *text;
	const char *json_path;
	const char *message; /* exact, or a prefix when it ends in '*' */
	int line, column;    /* 0: not checked */
};

#define HDR "{\"piiflow_rules\": 1, \"name\": \"t\", "

static const struct bad_case bad_cases[] = {
    {"json syntax", "{\"piiflow_rules\": 1,\n  , }", "", "invalid JSON: *", 2, 0},
    {"json duplicate key", "{\"piiflow_rules\": 1, \"name\": \"a\", \"name\": \"b\"}", "",
     "invalid JSON: duplicate object key*", 1, 0},
    {"empty file", "", "", "invalid JSON: *", 0, 0},
    {"top level array", "[1, 2]", "", "the top level must be an object, got an array", 1, 1},
    {"missing version", "{\"name\": \"t\"}", "",
     "missing key 'piiflow_rules' (the format version, 1)", 0, 0},
    {"version 2", "{\"piiflow_rules\": 2, \"name\": \"t\", \"matchers\": []}", "piiflow_rules",
     "unsupported rules format version 2 (this piiflow reads 1)", 1, 19},
    {"version string", "{\"piiflow_rules\": \"1\", \"name\": \"t\"}", "piiflow_rules",
     "'piiflow_rules' must be the integer 1, got a string", 0, 0},
    {"name not string", "{\"piiflow_rules\": 1, \"name\": 3}", "name",
     "'name' must be a string, got an integer", 0, 0},
    {"empty name", "{\"piiflow_rules\": 1, \"name\": \"\"}", "name", "'name' must not be empty", 0,
     0},
    {"top-level typo", HDR "\"sink\": []}", "", "unknown key 'sink' (did you mean 'sinks'?)", 1,
     35},
    {"top-level unknown", HDR "\"matchers\": []}", "",
     "unknown key 'matchers' in a rules file (expected one of: piiflow_rules, name, comment, "
     "sources, sinks, propagators, anonymizers, consent, endpoints)",
     0, 0},
    {"section not array", HDR "\"sinks\": {}}", "sinks",
     "'sinks' must be an array of objects, got an object", 0, 0},
    {"entry not object", HDR "\"sinks\": [\"ads_log\"]}", "sinks[0]",
     "expected an object, got a string", 0, 0},
    {"unknown key arg",
     HDR "\"sinks\": [{\"function\": \"f\", \"purpose\": \"analytics\"},\n"
         "  {\"function\": \"g\", \"arg\": [0], \"purpose\": \"analytics\"}]}",
     "sinks[1]", "unknown key 'arg' (did you mean 'args'?)", 2, 21},
    {"unknown key in sink", HDR "\"sinks\": [{\"function\": \"f\", \"category\": \"user\"}]}",
     "sinks[0]",
     "unknown key 'category' in a sink (expected one of: function, function_regex, args, "
     "purpose, comment, when)",
     0, 0},
    {"abbreviated key",
     HDR "\"sources\": [{\"function\": \"f\", \"ret\": true, \"category\": \"user\"}]}",
     "sources[0]", "unknown key 'ret' (did you mean 'return'?)", 0, 0},
    {"transposed key", HDR "\"propagators\": [{\"function\": \"f\", \"form\": [0], \"to\": [1]}]}",
     "propagators[0]", "unknown key 'form' (did you mean 'from'?)", 0, 0},
    {"negative index",
     HDR "\n\"sinks\": [\n  {\"function\": \"f\", \"args\": [0, -1], \"purpose\": \"ads\"}\n]}",
     "sinks[0].args[1]", "argument position must not be negative, got -1", 3, 33},
    {"index too large",
     HDR "\"sinks\": [{\"function\": \"f\", \"args\": [5000], \"purpose\": \"a\"}]}",
     "sinks[0].args[0]", "argument position 5000 is out of range (at most 1023)", 0, 0},
    {"fractional index",
     HDR "\"sinks\": [{\"function\": \"f\", \"args\": [1.5], \"purpose\": \"a\"}]}",
     "sinks[0].args[0]",
     "argument position must be an index from 0, a parameter name or \"...\", got a number "
     "with a fraction",
     0, 0},
    {"unknown position",
     HDR "\"sinks\": [{\"function\": \"f\", \"args\": [\"all args\"], \"purpose\": "
         "\"a\"}]}",
     "sinks[0].args[0]",
     "unknown argument position 'all args' (expected an index from 0, a parameter name or "
     "\"...\")",
     0, 0},
    {"name listed twice",
     HDR "\"sinks\": [{\"function\": \"f\", \"args\": [\"msg\", \"msg\"], \"purpose\": "
         "\"a\"}]}",
     "sinks[0].args[1]", "argument position 'msg' is listed twice", 0, 0},
    {"name with a regex",
     HDR "\"sinks\": [{\"function_regex\": \"^f\", \"args\": [\"msg\"], \"purpose\": "
         "\"a\"}]}",
     "sinks[0]", "a parameter name ('msg') needs 'function': a regex names no one declaration", 0,
     0},
    {"when not an object",
     HDR "\"sources\": [{\"function\": \"getenv\", \"return\": true, \"category\": "
         "\"user\", \"when\": 0}]}",
     "sources[0].when",
     "'when' must be an object such as {\"arg\": 0, \"is\": [\"USER\"]}, got an integer", 0, 0},
    {"when without is",
     HDR "\"sources\": [{\"function\": \"getenv\", \"return\": true, \"category\": "
         "\"user\", \"when\": {\"arg\": 0}}]}",
     "sources[0].when", "'when' needs 'arg' (a position) and 'is' (string literals)", 0, 0},
    {"when is empty",
     HDR "\"sources\": [{\"function\": \"getenv\", \"return\": true, \"category\": "
         "\"user\", \"when\": {\"arg\": 0, \"is\": []}}]}",
     "sources[0].when.is", "'is' must be a non-empty array of strings, got an empty array", 0, 0},
    {"when on a field",
     HDR "\"sources\": [{\"field\": \"a.b\", \"category\": "
         "\"user\", \"when\": {\"arg\": 0, \"is\": [\"X\"]}}]}",
     "sources[0]", "'when' is only valid on a function source", 0, 0},
    {"return in sink args",
     HDR "\"sinks\": [{\"function\": \"f\", \"args\": [\"return\"], \"purpose\": \"a\"}]}",
     "sinks[0].args[0]",
     "\"return\" is not allowed in 'args' (a sink receives arguments; a return value is not "
     "sent anywhere)",
     0, 0},
    {"return in source args",
     HDR "\"sources\": [{\"function\": \"f\", \"args\": [0, \"return\"], \"category\": \"user\"}]}",
     "sources[0].args[1]",
     "\"return\" is not allowed in 'args' (use \"return\": true for the return value)", 0, 0},
    {"return in from",
     HDR "\"propagators\": [{\"function\": \"f\", \"from\": [\"return\"], \"to\": [0]}]}",
     "propagators[0].from[0]",
     "\"return\" is not allowed in 'from' (\"return\" is only valid in "
     "'to')",
     0, 0},
    {"position twice",
     HDR "\"sinks\": [{\"function\": \"f\", \"args\": [0, \"...\", 0], "
         "\"purpose\": \"a\"}]}",
     "sinks[0].args[2]", "argument position 0 is listed twice", 0, 0},
    {"variadic twice",
     HDR "\"propagators\": [{\"function\": \"f\", \"from\": [\"...\", \"...\"], \"to\": [0]}]}",
     "propagators[0].from[1]", "argument position \"...\" is listed twice", 0, 0},
    {"empty args", HDR "\"sinks\": [{\"function\": \"f\", \"args\": [], \"purpose\": \"a\"}]}",
     "sinks[0].args", "'args' must not be empty (leave 'args' out for every argument)", 0, 0},
    {"args not array", HDR "\"sinks\": [{\"function\": \"f\", \"args\": 1, \"purpose\": \"a\"}]}",
     "sinks[0].args", "'args' must be an array of argument positions, got an integer", 0, 0},
    {"sink without function", HDR "\"sinks\": [{\"args\": [0], \"purpose\": \"a\"}]}", "sinks[0]",
     "a sink needs 'function' or 'function_regex'", 0, 0},
    {"sink with both",
     HDR "\"sinks\": [{\"function\": \"f\", \"function_regex\": \"^f$\", "
         "\"purpose\": \"a\"}]}",
     "sinks[0]", "a sink takes 'function' or 'function_regex', not both", 0, 0},
    {"bad regex", HDR "\"sinks\": [{\"function_regex\": \"^fb_(\", \"purpose\": \"a\"}]}",
     "sinks[0].function_regex", "invalid regular expression '^fb_(': *", 0, 0},
    {"missing purpose", HDR "\"sinks\": [{\"function\": \"f\"}]}", "sinks[0]",
     "missing key 'purpose'", 0, 0},
    {"bad purpose", HDR "\"sinks\": [{\"function\": \"f\", \"purpose\": \"Ads!\"}]}",
     "sinks[0].purpose",
     "'purpose' must be a bare lower-case word such as advertising, marketing or analytics, "
     "got 'Ads!'",
     0, 0},
    {"function not identifier", HDR "\"sinks\": [{\"function\": \"ads log\", \"purpose\": \"a\"}]}",
     "sinks[0].function", "'function' must be a C identifier, got 'ads log'", 0, 0},
    {"function not string", HDR "\"anonymizers\": [{\"function\": [\"f\"]}]}",
     "anonymizers[0].function", "'function' must be a string, got an array", 0, 0},
    {"comment not string", HDR "\"anonymizers\": [{\"function\": \"f\", \"comment\": 5}]}",
     "anonymizers[0].comment", "'comment' must be a string, got an integer", 0, 0},
    {"field without record", HDR "\"sources\": [{\"field\": \"pw_name\", \"category\": \"user\"}]}",
     "sources[0].field",
     "'field' must be \"record.field\" (a struct or typedef name, a dot and a field name), got "
     "'pw_name'",
     0, 0},
    {"field too deep", HDR "\"sources\": [{\"field\": \"a.b.c\", \"category\": \"user\"}]}",
     "sources[0].field",
     "'field' must be \"record.field\" (a struct or typedef name, a dot and "
     "a field name), got 'a.b.c'",
     0, 0},
    {"missing category", HDR "\"sources\": [{\"variable\": \"g_email\"}]}", "sources[0]",
     "missing key 'category'", 0, 0},
    {"bad category", HDR "\"sources\": [{\"variable\": \"g\", \"category\": \"User Email\"}]}",
     "sources[0].category",
     "'category' must be a dotted key such as user.contact.email, got 'User Email'", 0, 0},
    {"category empty segment",
     HDR "\"sources\": [{\"variable\": \"g\", \"category\": \"user..email\"}]}",
     "sources[0].category",
     "'category' must be a dotted key such as user.contact.email, got 'user..email'", 0, 0},
    {"source of nothing", HDR "\"sources\": [{\"category\": \"user\"}]}", "sources[0]",
     "a source needs one of 'function', 'field' or 'variable'", 0, 0},
    {"source of two things",
     HDR "\"sources\": [{\"function\": \"f\", \"variable\": \"g\", \"category\": \"user\"}]}",
     "sources[0]", "a source takes only one of 'function', 'field' and 'variable'", 0, 0},
    {"return on a field",
     HDR "\"sources\": [{\"field\": \"a.b\", \"return\": true, \"category\": \"user\"}]}",
     "sources[0]", "'return' is only valid on a function source", 0, 0},
    {"function source without positions",
     HDR "\"sources\": [{\"function\": \"f\", \"return\": false, \"category\": \"user\"}]}",
     "sources[0]", "a function source needs \"return\": true or \"args\"", 0, 0},
    {"return not bool",
     HDR "\"sources\": [{\"function\": \"f\", \"return\": 1, \"category\": \"user\"}]}",
     "sources[0].return", "'return' must be true or false, got an integer", 0, 0},
    {"propagator without to", HDR "\"propagators\": [{\"function\": \"f\", \"from\": [0]}]}",
     "propagators[0]", "missing key 'to' (use [] for a function that moves no personal data)", 0,
     0},
    {"propagator without function", HDR "\"propagators\": [{\"to\": [0]}]}", "propagators[0]",
     "missing key 'function'", 0, 0},
    {"replace not bool",
     HDR "\"propagators\": [{\"function\": \"f\", \"to\": [0], \"replace\": \"no\"}]}",
     "propagators[0].replace", "'replace' must be true or false, got a string", 0, 0},
    {"consent without purpose", HDR "\"consent\": [{\"function\": \"opt_in\"}]}", "consent[0]",
     "missing key 'purpose'", 0, 0},
    {"duplicate sink",
     HDR "\"sinks\": [{\"function\": \"ads_log\", \"args\": [0, 1], \"purpose\": \"ads\"},\n"
         "  {\"function\": \"ads_log\", \"args\": [1], \"purpose\": \"ads\"}]}",
     "sinks[1]", "duplicate of sinks[0]: both make argument 1 of 'ads_log' a sink for ads", 2, 3},
    {"duplicate regex sink",
     HDR "\"sinks\": [{\"function_regex\": \"^ga_\", \"purpose\": \"analytics\"},"
         "{\"function_regex\": \"^ga_\", \"args\": [2], \"purpose\": \"analytics\"}]}",
     "sinks[1]",
     "duplicate of sinks[0]: same function_regex '^ga_' and purpose, and one of them takes "
     "every argument",
     0, 0},
    {"duplicate propagator",
     HDR "\"propagators\": [{\"function\": \"strcpy\", \"from\": [1], \"to\": [0]},"
         "{\"function\": \"strcpy\", \"from\": [1], \"to\": [\"return\"]}]}",
     "propagators[1]",
     "duplicate of propagators[0]: same function 'strcpy' (list every position in one entry)", 0,
     0},
    {"duplicate field source",
     HDR "\"sources\": [{\"field\": \"passwd.pw_name\", \"category\": \"user\"},"
         "{\"field\": \"passwd.pw_name\", \"category\": \"user.name\"}]}",
     "sources[1]", "duplicate of sources[0]: same field 'passwd.pw_name'", 0, 0},
    {"duplicate variable source",
     HDR "\"sources\": [{\"variable\": \"g\", \"category\": \"user\"},"
         "{\"variable\": \"g\", \"category\": \"user\"}]}",
     "sources[1]", "duplicate of sources[0]: same variable 'g'", 0, 0},
    {"duplicate function source",
     HDR "\"sources\": [{\"function\": \"getlogin\", \"return\": true, \"category\": \"user\"},"
         "{\"function\": \"getlogin\", \"return\": true, \"category\": \"user.name\"}]}",
     "sources[1]", "duplicate of sources[0]: both give the return value of 'getlogin' a category",
     0, 0},
    {"overlapping function source",
     HDR "\"sources\": [{\"function\": \"f\", \"args\": [0, 1], \"category\": \"user\"},"
         "{\"function\": \"f\", \"args\": [1], \"category\": \"user.name\"}]}",
     "sources[1]", "duplicate of sources[0]: both give argument 1 of 'f' a category", 0, 0},
    {"duplicate anonymizer", HDR "\"anonymizers\": [{\"function\": \"k\"}, {\"function\": \"k\"}]}",
     "anonymizers[1]", "duplicate of anonymizers[0]: same function 'k'", 0, 0},
    {"duplicate consent",
     HDR "\"consent\": [{\"function\": \"ok\", \"purpose\": \"ads\"},"
         "{\"function\": \"ok\", \"purpose\": \"analytics\"}]}",
     "consent[1]", "duplicate of consent[0]: same function 'ok'", 0, 0},
};

static void check_message(const char *name, const char *want, const char *got)
{
	size_t n = strlen(want);
	bool ok =
	    n > 0 && want[n - 1] == '*' ? strncmp(want, got, n - 1) == 0 : strcmp(want, got) == 0;
	if (!ok)
		fail_msg("%s: message\n  want: %s\n  got:  %s", name, want, got);
}

static void test_bad_file(void **state)
{
	const struct bad_case *c = *state;
	struct pf_rules r;
	struct pf_error err;
	pf_rules_init(&r);
	const char *path = write_file("bad.json", c->text);
	if (pf_rules_load_file(&r, path, false, &err) == 0)
		fail_msg("%s: loaded without error", c->name);
	assert_string_equal(err.file, path);
	if (strcmp(err.json_path, c->json_path) != 0)
		fail_msg("%s: json_path '%s', want '%s' (%s)", c->name, err.json_path, c->json_path,
		         err.text);
	check_message(c->name, c->message, err.text);
	if (c->line && err.line != c->line)
		fail_msg("%s: line %d, want %d", c->name, err.line, c->line);
	if (c->column && err.column != c->column)
		fail_msg("%s: column %d, want %d", c->name, err.column, c->column);
	/* messages are lower case without a full stop */
	assert_false(err.text[strlen(err.text) - 1] == '.');
	assert_int_equal(r.nfiles, 0);
	assert_int_equal(r.nsinks + r.nsources + r.npropagators + r.nanonymizers + r.nconsents, 0);
	pf_rules_free(&r);
}

/* ---- the shipped pack and the SPEC's example ---- */

static const struct pf_rule_propagator *propagator(const struct pf_rules *r, const char *fn)
{
	const struct pf_rule_propagator *g = pf_rules_find_propagator(r, fn);
	if (!g)
		fail_msg("no propagator for %s", fn);
	return g;
}

/* Does the propagator move data from argument `from` (of a call with nfixed
 * fixed parameters) to position `to`? */
static bool flows(const struct pf_rule_propagator *g, int from, int to, int nfixed)
{
	return pf_rules_propagator_reads_arg(g, from, nfixed) &&
	       pf_argpos_matches(g->to, g->nto, to, nfixed);
}

static void test_shipped_libc(void **state)
{
	struct pf_rules r;
	struct pf_error err;
	char msg[2048];
	pf_rules_init(&r);
	if (pf_rules_load_file(&r, PF_SOURCE_DIR "/rules/libc.json", true, &err) != 0) {
		pf_error_format(&err, "error", msg, sizeof(msg));
		fail_msg("%s", msg);
	}
	assert_int_equal(r.nfiles, 1);
	assert_string_equal(r.packs[0], "libc");
	assert_int_equal(r.nsinks, 0);

	const struct pf_rule_propagator *g = propagator(&r, "strcpy");
	assert_true(flows(g, 1, 0, 2));
	assert_true(flows(g, 1, PF_ARGPOS_RETURN, 2));
	assert_false(flows(g, 0, 0, 2));
	assert_true(g->replace);
	assert_true(g->origin.shipped);
	assert_string_equal(g->origin.pack, "libc");
	assert_ptr_equal(g->origin.file, r.files[0]);
	assert_true(strncmp(g->origin.json_path, "propagators[", 12) == 0);

	assert_false(propagator(&r, "strcat")->replace);
	assert_false(propagator(&r, "strncat")->replace);
	assert_true(flows(propagator(&r, "strcat"), 1, 0, 2));
	assert_true(propagator(&r, "memcpy")->replace);
	assert_true(flows(propagator(&r, "memcpy"), 1, PF_ARGPOS_RETURN, 3));

	/* snprintf(str, size, fmt, ...): the format and every variadic argument */
	g = propagator(&r, "snprintf");
	assert_true(flows(g, 2, 0, 3));
	assert_true(flows(g, 3, 0, 3));
	assert_true(flows(g, 7, 0, 3));
	assert_false(flows(g, 1, 0, 3));
	assert_false(pf_argpos_matches(g->to, g->nto, PF_ARGPOS_RETURN, 3));
	g = propagator(&r, "sprintf");
	assert_true(flows(g, 1, 0, 2));
	assert_true(flows(g, 2, 0, 2));
	assert_false(flows(g, 0, 0, 2));
	/* vsnprintf(str, size, fmt, va_list): the va_list carries the variadic arguments */
	assert_true(flows(propagator(&r, "vsnprintf"), 3, 0, 4));
	assert_true(flows(propagator(&r, "asprintf"), 2, 0, 2));
	/* sscanf(str, fmt, ...) writes through the variadic pointers */
	g = propagator(&r, "sscanf");
	assert_true(flows(g, 0, 2, 2));
	assert_true(flows(g, 0, 5, 2));
	assert_false(flows(g, 1, 2, 2));
	g = propagator(&r, "strchr");
	assert_true(flows(g, 0, PF_ARGPOS_RETURN, 2));
	assert_false(flows(g, 1, PF_ARGPOS_RETURN, 2));
	assert_true(flows(propagator(&r, "strdup"), 0, PF_ARGPOS_RETURN, 1));
	assert_true(flows(propagator(&r, "realloc"), 0, PF_ARGPOS_RETURN, 2));
	assert_true(flows(propagator(&r, "strtol"), 0, PF_ARGPOS_RETURN, 3));
	assert_int_equal(propagator(&r, "strlen")->nto, 0);
	assert_true(flows(propagator(&r, "__builtin___snprintf_chk"), 4, 0, 5));
	assert_true(flows(propagator(&r, "__builtin___snprintf_chk"), 5, 0, 5));
	assert_false(flows(propagator(&r, "__builtin___snprintf_chk"), 3, 0, 5));

	const struct pf_rule_source *s = pf_rules_find_function_source(&r, "getlogin");
	assert_non_null(s);
	assert_true(s->ret);
	assert_string_equal(s->category, "user.account.username");
	s = pf_rules_find_function_source(&r, "getlogin_r");
	assert_non_null(s);
	assert_false(s->ret);
	assert_true(pf_argpos_matches(s->args, s->nargs, 0, 2));
	s = pf_rules_find_function_source(&r, "getpwuid_r");
	assert_true(pf_argpos_matches(s->args, s->nargs, 1, 5));
	assert_string_equal(pf_rules_find_function_source(&r, "getpwuid")->category, "user");
	s = pf_rules_find_function_source(&r, "getenv"); /* only identity variables */
	assert_string_equal(s->category, "user.account.username");
	assert_non_null(s->when);
	s = pf_rules_find_field_source(&r, "passwd", "pw_gecos");
	assert_non_null(s);
	assert_string_equal(s->category, "user.name");
	assert_string_equal(s->name, "passwd.pw_gecos");
	assert_string_equal(pf_rules_find_field_source(&r, "passwd", "pw_name")->category,
	                    "user.account.username");
	assert_non_null(pf_rules_find_field_source(&r, "utmpx", "ut_host"));
	assert_null(pf_rules_find_field_source(&r, "passwd", "pw_uid"));
	assert_null(pf_rules_find_function_source(&r, "strcpy"));
	pf_rules_free(&r);
}

static void test_spec_example(void **state)
{
	struct pf_rules r;
	struct pf_error err;
	pf_rules_init(&r);
	assert_int_equal(
	    pf_rules_load_file(&r, PF_TEST_DATA_DIR "/rules/spec_example.json", false, &err), 0);
	assert_int_equal(r.nsources, 4);
	assert_int_equal(r.nsinks, 3);
	assert_int_equal(r.npropagators, 2);
	assert_int_equal(r.nanonymizers, 1);
	assert_int_equal(r.nconsents, 1);
	assert_string_equal(r.sinks[1].origin.json_path, "sinks[1]");
	assert_false(r.sinks[1].origin.shipped);
	assert_int_equal(pf_rules_find_variable_source(&r, "g_current_email")->kind,
	                 PF_SRC_VARIABLE);
	assert_non_null(pf_rules_find_anonymizer(&r, "k_anon_region"));
	assert_null(pf_rules_find_anonymizer(&r, "sha256"));
	assert_string_equal(pf_rules_find_consent(&r, "user_ad_opt_in")->purpose, "advertising");
	const struct pf_rule_source *s = pf_rules_find_field_source(&r, "passwd", "pw_gecos");
	assert_string_equal(s->record, "passwd");
	assert_string_equal(s->field, "pw_gecos");
	assert_true(r.propagators[0].replace);
	pf_rules_free(&r);
}

/* ---- look-ups ---- */

static void test_regex_sinks(void **state)
{
	struct pf_rules r;
	struct pf_error err;
	pf_rules_init(&r);
	const char *path = write_file(
	    "regex.json",
	    HDR "\"sinks\": [\n"
	        "  {\"function_regex\": \"^fb_analytics_.*\", \"purpose\": \"analytics\"},\n"
	        "  {\"function\": \"ads_log\", \"args\": [1, \"...\"], \"purpose\": "
	        "\"advertising\"},\n"
	        "  {\"function_regex\": \"^fb_.*_(track|log)$\", \"args\": [0], \"purpose\": "
	        "\"advertising\"},\n"
	        "  {\"function\": \"ads_log\", \"args\": [1], \"purpose\": \"analytics\"}\n"
	        "]}");
	assert_int_equal(pf_rules_load_file(&r, path, false, &err), 0);

	const struct pf_rule_sink *s = pf_rules_find_sink(&r, "fb_analytics_log", NULL);
	assert_ptr_equal(s, &r.sinks[0]);
	assert_true(s->all_args);
	assert_true(pf_rules_sink_takes_arg(s, 4, 1));
	assert_false(pf_rules_sink_takes_arg(s, PF_ARGPOS_RETURN, 1));
	s = pf_rules_find_sink(&r, "fb_analytics_log", s);
	assert_ptr_equal(s, &r.sinks[2]);
	assert_null(pf_rules_find_sink(&r, "fb_analytics_log", s));
	assert_null(pf_rules_find_sink(&r, "my_fb_analytics_x", NULL)); /* anchored */
	assert_null(pf_rules_find_sink(&r, "strcpy", NULL));

	/* one function, two purposes: both are found */
	s = pf_rules_find_sink(&r, "ads_log", NULL);
	assert_string_equal(s->purpose, "advertising");
	assert_false(pf_rules_sink_takes_arg(s, 0, 2));
	assert_true(pf_rules_sink_takes_arg(s, 1, 2));
	assert_true(pf_rules_sink_takes_arg(s, 2, 2));
	assert_true(pf_rules_sink_takes_arg(s, 9, 2));
	s = pf_rules_find_sink(&r, "ads_log", s);
	assert_ptr_equal(s, &r.sinks[3]); /* the second regex needs "fb_" */
	assert_string_equal(s->purpose, "analytics");
	assert_false(pf_rules_sink_takes_arg(s, 2, 2));
	assert_null(pf_rules_find_sink(&r, "ads_log", s));
	pf_rules_free(&r);
}

static void test_argpos_matches(void **state)
{
	const struct pf_argpos list[] = {{PF_ARG_INDEX, 1, NULL}, {PF_ARG_VARIADIC, 0, NULL}};
	assert_false(pf_argpos_matches(list, 2, 0, 2));
	assert_true(pf_argpos_matches(list, 2, 1, 2));
	assert_true(pf_argpos_matches(list, 2, 2, 2)); /* first variadic */
	assert_true(pf_argpos_matches(list, 2, 6, 2));
	assert_false(pf_argpos_matches(list, 2, 2, 3)); /* a fixed parameter */
	assert_false(pf_argpos_matches(list, 2, PF_ARGPOS_RETURN, 2));
	assert_false(pf_argpos_matches(list, 0, 1, 2));

	/* an index is matched even where the call passes it as a variadic argument */
	const struct pf_argpos fixed[] = {{PF_ARG_INDEX, 3, NULL}, {PF_ARG_RETURN, 0, NULL}};
	assert_true(pf_argpos_matches(fixed, 2, 3, 1));
	assert_false(pf_argpos_matches(fixed, 2, 4, 1));
	assert_true(pf_argpos_matches(fixed, 2, PF_ARGPOS_RETURN, 1));

	/* no variadic argument in a call to a function with no fixed parameters is missed */
	assert_true(pf_argpos_matches(list, 2, 0, 0));
}

static void test_several_sources_per_function(void **state)
{
	struct pf_rules r;
	struct pf_error err;
	pf_rules_init(&r);
	const char *path = write_file(
	    "sources.json", HDR "\"sources\": ["
	                        "{\"function\": \"get_user\", \"args\": [0], \"category\": "
	                        "\"user.name\"},"
	                        "{\"variable\": \"get_user\", \"category\": \"user\"},"
	                        "{\"function\": \"get_user\", \"args\": [1], \"return\": true, "
	                        "\"category\": \"user.contact.email\"}],"
	                        "\"propagators\": [{\"function\": \"noop\", \"to\": []}]}");
	assert_int_equal(pf_rules_load_file(&r, path, false, &err), 0);
	const struct pf_rule_source *s = pf_rules_find_function_source(&r, "get_user");
	assert_string_equal(s->category, "user.name");
	s = pf_rules_find_function_source_next(&r, "get_user", s);
	assert_string_equal(s->category, "user.contact.email");
	assert_true(s->ret);
	assert_null(pf_rules_find_function_source_next(&r, "get_user", s));
	const struct pf_rule_propagator *g = pf_rules_find_propagator(&r, "noop");
	assert_int_equal(g->nto, 0);
	assert_true(g->from_all);
	assert_true(pf_rules_propagator_reads_arg(g, 3, 0));
	pf_rules_free(&r);
}

/* "when", parameter names and a file without "name" */
static void test_when_and_names(void **state)
{
	struct pf_rules r;
	struct pf_error err;
	pf_rules_init(&r);
	const char *path = write_file(
	    "vendor_sdk.json",
	    "{\"piiflow_rules\": 1, \"sources\": ["
	    "{\"function\": \"getenv\", \"return\": true, \"category\": \"user\","
	    " \"when\": {\"arg\": 0, \"is\": [\"USER\", \"HOME\"]}},"
	    "{\"function\": \"getenv\", \"return\": true, \"category\": \"user\"}],"
	    "\"sinks\": [{\"function\": \"vendor_log\", \"args\": [\"msg\"], \"purpose\": "
	    "\"analytics\", \"when\": {\"arg\": \"tag\", \"is\": [\"user\"]}}]}");
	assert_int_equal(pf_rules_load_file(&r, path, false, &err), 0);
	assert_string_equal(r.packs[0], "vendor_sdk");
	const struct pf_rule_source *s = pf_rules_find_function_source(&r, "getenv");
	assert_non_null(s->when);
	const char *user[] = {"USER"}, *lang[] = {"LANG"}, *none[] = {NULL};
	assert_true(pf_rules_when_holds(s->when, user, 1));
	assert_false(pf_rules_when_holds(s->when, lang, 1));
	assert_false(pf_rules_when_holds(s->when, none, 1));
	assert_false(pf_rules_when_holds(s->when, user, 0));
	s = pf_rules_find_function_source_next(&r, "getenv", s);
	assert_null(s->when);
	assert_true(pf_rules_when_holds(s->when, lang, 1));
	const struct pf_rule_sink *k = pf_rules_find_sink(&r, "vendor_log", NULL);
	assert_string_equal(k->args[0].name, "msg");
	assert_int_equal(k->args[0].index, -1); /* until bound to a declaration */
	assert_false(pf_rules_sink_takes_arg(k, 0, 2));
	assert_false(pf_rules_sink_takes_arg(k, 1, 2));
	assert_string_equal(k->when->arg.name, "tag");
	pf_rules_free(&r);
}

/* ---- loading ---- */

static void test_missing_file(void **state)
{
	struct pf_rules r;
	struct pf_error err;
	char msg[2048];
	pf_rules_init(&r);
	const char *path = tmp_path("does-not-exist.json");
	assert_int_equal(pf_rules_load_file(&r, path, false, &err), -1);
	assert_string_equal(err.file, path);
	assert_string_equal(err.json_path, "");
	assert_int_equal(err.line, 0);
	assert_string_equal(err.text, "cannot read rules file: No such file or directory");
	pf_error_format(&err, "error", msg, sizeof(msg));
	char want[2048];
	snprintf(want, sizeof(want), "%s: error: cannot read rules file: No such file or directory",
	         path);
	assert_string_equal(msg, want);

	assert_int_equal(pf_rules_load_file(&r, tmpdir, false, &err), -1);
	assert_string_equal(err.text, "cannot read rules file: Is a directory");
	pf_rules_free(&r);
}

static void test_error_format(void **state)
{
	struct pf_error err = {.file = "rules/ads.json",
	                       .json_path = "sinks[2].args[0]",
	                       .line = 14,
	                       .column = 31,
	                       .text = "argument position must not be negative, got -1"};
	char buf[256];
	pf_error_format(&err, "error", buf, sizeof(buf));
	assert_string_equal(buf, "rules/ads.json:14:31: error: at sinks[2].args[0]: argument "
	                         "position must not be negative, got -1");
	err.line = err.column = 0;
	pf_error_format(&err, "error", buf, sizeof(buf));
	assert_string_equal(buf, "rules/ads.json: error: at sinks[2].args[0]: argument position "
	                         "must not be negative, got -1");
	char small[8];
	pf_error_format(&err, "error", small, sizeof(small));
	assert_string_equal(small, "rules/a");
}

static void test_failed_load_keeps_contents(void **state)
{
	struct pf_rules r;
	struct pf_error err;
	pf_rules_init(&r);
	const char *good =
	    write_file("good.json", "{\"piiflow_rules\": 1, \"name\": \"good\", \"sinks\": "
	                            "[{\"function\": \"ads_log\", \"purpose\": \"advertising\"}]}");
	assert_int_equal(pf_rules_load_file(&r, good, false, &err), 0);
	const struct pf_rule_sink *before = &r.sinks[0];

	/* sources, sinks and propagators are fine; the last consent entry is not */
	const char *bad = write_file(
	    "late-error.json",
	    "{\"piiflow_rules\": 1, \"name\": \"bad\","
	    " \"sources\": [{\"variable\": \"g_email\", \"category\": \"user.contact.email\"}],"
	    " \"sinks\": [{\"function_regex\": \"^x_\", \"purpose\": \"analytics\"}],"
	    " \"propagators\": [{\"function\": \"cp\", \"from\": [1], \"to\": [0]}],"
	    " \"consent\": [{\"function\": \"ok\", \"purpose\": \"ads\"}, {\"function\": "
	    "\"ok2\"}]}");
	assert_int_equal(pf_rules_load_file(&r, bad, false, &err), -1);
	assert_string_equal(err.json_path, "consent[1]");
	assert_int_equal(r.nfiles, 1);
	assert_string_equal(r.packs[0], "good");
	assert_int_equal(r.nsinks, 1);
	assert_ptr_equal(&r.sinks[0], before);
	assert_int_equal(r.nsources + r.npropagators + r.nconsents, 0);
	assert_null(pf_rules_find_variable_source(&r, "g_email"));

	/* a later good file is added after the first */
	const char *more =
	    write_file("more.json", "{\"piiflow_rules\": 1, \"name\": \"more\", \"sinks\": "
	                            "[{\"function\": \"ads_log\", \"purpose\": \"analytics\"}]}");
	assert_int_equal(pf_rules_load_file(&r, more, false, &err), 0);
	assert_int_equal(r.nfiles, 2);
	assert_int_equal(r.nsinks, 2);
	assert_string_equal(r.sinks[0].origin.pack, "good");
	assert_string_equal(r.sinks[1].origin.pack, "more");
	assert_string_equal(r.sinks[1].origin.file, more);
	assert_string_equal(pf_rules_find_sink(&r, "ads_log", NULL)->purpose, "advertising");
	pf_rules_free(&r);
	assert_int_equal(r.nsinks, 0);
	pf_rules_free(&r); /* a freed pf_rules is an empty one */
}

static void test_load_dir(void **state)
{
	struct pf_rules r;
	struct pf_error err;
	pf_rules_init(&r);
	make_dir("packs");
	write_file("packs/b.json", "{\"piiflow_rules\": 1, \"name\": \"b\", \"anonymizers\": "
	                           "[{\"function\": \"bucket_age\"}]}");
	write_file("packs/a.json", "{\"piiflow_rules\": 1, \"name\": \"a\", \"anonymizers\": "
	                           "[{\"function\": \"k_anon\"}]}");
	write_file("packs/taxonomy.json", "not rules");
	write_file("packs/.a.json", "an editor's lock file");
	write_file("packs/README.md", "# packs");
	assert_int_equal(pf_rules_load_dir(&r, tmp_path("packs"), &err), 0);
	assert_int_equal(r.nfiles, 2);
	assert_string_equal(r.packs[0], "a");
	assert_string_equal(r.packs[1], "b");
	assert_string_equal(r.anonymizers[0].function, "k_anon");
	assert_true(r.anonymizers[1].origin.shipped);
	char want[1100];
	snprintf(want, sizeof(want), "%s/b.json", tmp_path("packs"));
	assert_string_equal(r.files[1], want);

	/* all or nothing: a bad pack adds none of the packs of the directory */
	make_dir("broken");
	write_file("broken/a.json", "{\"piiflow_rules\": 1, \"name\": \"a2\"}");
	write_file("broken/b.json", "{\"piiflow_rules\": 1, \"name\": \"b2\", \"sinks\": 3}");
	assert_int_equal(pf_rules_load_dir(&r, tmp_path("broken"), &err), -1);
	assert_string_equal(err.json_path, "sinks");
	assert_non_null(strstr(err.file, "broken/b.json"));
	assert_int_equal(r.nfiles, 2);

	assert_int_equal(pf_rules_load_dir(&r, tmp_path("no-such-dir"), &err), -1);
	assert_string_equal(err.text, "cannot read rules directory: No such file or directory");
	assert_int_equal(r.nfiles, 2);

	/* the shipped directory loads as a whole */
	struct pf_rules shipped;
	char msg[2048];
	pf_rules_init(&shipped);
	if (pf_rules_load_dir(&shipped, PF_SOURCE_DIR "/rules", &err) != 0) {
		pf_error_format(&err, "error", msg, sizeof(msg));
		fail_msg("%s", msg);
	}
	assert_non_null(pf_rules_find_propagator(&shipped, "strcpy"));
	pf_rules_free(&shipped);
	pf_rules_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_shipped_libc),
	    cmocka_unit_test(test_spec_example),
	    cmocka_unit_test(test_regex_sinks),
	    cmocka_unit_test(test_argpos_matches),
	    cmocka_unit_test(test_several_sources_per_function),
	    cmocka_unit_test(test_when_and_names),
	    cmocka_unit_test(test_missing_file),
	    cmocka_unit_test(test_error_format),
	    cmocka_unit_test(test_failed_load_keeps_contents),
	    cmocka_unit_test(test_load_dir),
	};
	size_t nbad = sizeof(bad_cases) / sizeof(bad_cases[0]);
	struct CMUnitTest *bad = calloc(nbad, sizeof(*bad));
	for (size_t i = 0; i < nbad; i++)
		bad[i] = (struct CMUnitTest){bad_cases[i].name, test_bad_file, NULL, NULL,
		                             (void *)&bad_cases[i]};
	int failed = cmocka_run_group_tests_name("rules", tests, group_setup, group_teardown);
	failed += _cmocka_run_group_tests("rules: malformed files", bad, nbad, group_setup,
	                                  group_teardown);
	free(bad);
	return failed ? 1 : 0;
}
