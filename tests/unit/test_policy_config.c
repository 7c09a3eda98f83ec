/*
 * Unit tests of `.piiflow.json` (SPEC section 4): the lookup upwards from the
 * working directory, the keys and their paths, the policy's narrowing by
 * category, the exclude globs, and the errors a hand-written config gets
 * (file, JSON path, line and column). Each test works in a fresh temporary
 * directory that is also the working directory.
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

#include "policy/config.h"
#include "taxonomy/taxonomy.h"

#include "scratch.h"

struct fixture {
	char old_cwd[PATH_MAX];
	char tmp[PATH_MAX]; /* absolute, as getcwd reports it */
	struct pf_config cfg;
	struct pf_error err;
	char msg[2048];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	const char *base = getenv("TMPDIR");
	char templ[PATH_MAX];
	snprintf(templ, sizeof(templ), "%s/pf_config_XXXXXX", base && *base ? base : P_tmpdir);
	if (!f || !getcwd(f->old_cwd, sizeof(f->old_cwd)) || !mkdtemp(templ) || chdir(templ) != 0 ||
	    !getcwd(f->tmp, sizeof(f->tmp)))
		return -1;
	pf_config_init(&f->cfg);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	pf_config_free(&f->cfg);
	if (chdir(f->old_cwd) != 0)
		return -1;
	pf_scratch_remove(f->tmp);
	free(f);
	return 0;
}

/* Writes a file relative to the cwd, creating its parent directories. */
static void write_file(const char *path, const char *text)
{
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s", path);
	for (char *s = strchr(dir + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		mkdir(dir, 0755);
		*s = '/';
	}
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/* Loads text as sub/.piiflow.json and expects an error; returns the
 * formatted message. */
static const char *load_error(struct fixture *f, const char *text)
{
	write_file("sub/.piiflow.json", text);
	assert_int_equal(pf_config_load(&f->cfg, "sub/.piiflow.json", &f->err), -1);
	assert_null(f->cfg.path);
	pf_error_format(&f->err, "error", f->msg, sizeof(f->msg));
	return f->msg;
}

static void test_load_every_key(void **state)
{
	struct fixture *f = *state;
	write_file("proj/.piiflow.json", "{\n"
	                                 "  \"build_dir\": \"build\",\n"
	                                 "  \"rules\": [\"tools/inhouse.json\", \"/abs/r.json\"],\n"
	                                 "  \"exclude\": [\"third_party/**\"],\n"
	                                 "  \"cache_dir\": \".cache/piiflow\",\n"
	                                 "  \"analysis_budget\": 40000,\n"
	                                 "  \"policy\": {\n"
	                                 "    \"advertising\": \"error\",\n"
	                                 "    \"marketing\": \"off\",\n"
	                                 "    \"analytics\": {\"default\": \"warning\",\n"
	                                 "      \"categories\": {\"user.unique_id\": \"off\"}}\n"
	                                 "  }\n"
	                                 "}\n");
	assert_int_equal(pf_config_load(&f->cfg, "proj/.piiflow.json", &f->err), 0);
	char want[PATH_MAX + 64];
	assert_string_equal(f->cfg.path, "proj/.piiflow.json");
	snprintf(want, sizeof(want), "%s/proj", f->tmp);
	assert_string_equal(f->cfg.dir, want);
	snprintf(want, sizeof(want), "%s/proj/build", f->tmp);
	assert_string_equal(f->cfg.build_dir, want);
	assert_int_equal(f->cfg.nrules, 2);
	snprintf(want, sizeof(want), "%s/proj/tools/inhouse.json", f->tmp);
	assert_string_equal(f->cfg.rules[0], want);
	assert_string_equal(f->cfg.rules[1], "/abs/r.json");
	assert_int_equal(f->cfg.nexclude, 1);
	assert_string_equal(f->cfg.exclude[0], "third_party/**");
	snprintf(want, sizeof(want), "%s/proj/.cache/piiflow", f->tmp);
	assert_string_equal(f->cfg.cache_dir, want);
	assert_int_equal(f->cfg.analysis_budget, 40000);
	assert_int_equal(f->cfg.npolicy, 3);
}

static void test_empty_config_is_valid(void **state)
{
	struct fixture *f = *state;
	write_file(".piiflow.json", "{}\n");
	assert_int_equal(pf_config_load(&f->cfg, ".piiflow.json", &f->err), 0);
	assert_null(f->cfg.build_dir);
	assert_int_equal(f->cfg.nrules + f->cfg.nexclude + f->cfg.npolicy, 0);
	assert_int_equal(f->cfg.analysis_budget, -1); /* unset: the default */
	assert_int_equal(pf_config_level(&f->cfg, "advertising", "user.contact.email"),
	                 PF_LEVEL_UNSET);
}

static void test_level_narrowed_by_category(void **state)
{
	struct fixture *f = *state;
	write_file(".piiflow.json",
	           "{\"policy\": {\n"
	           "  \"advertising\": \"error\",\n"
	           "  \"marketing\": {\"categories\": {\"user.contact\": \"warning\"}},\n"
	           "  \"analytics\": {\"default\": \"warning\", \"categories\": {\n"
	           "    \"user.unique_id\": \"off\",\n"
	           "    \"user.unique_id.pseudonymous.strict\": \"error\"}}}}\n");
	assert_int_equal(pf_config_load(&f->cfg, ".piiflow.json", &f->err), 0);
	const struct pf_config *c = &f->cfg;
	/* A purpose written alone. */
	assert_int_equal(pf_config_level(c, "advertising", "user.unique_id"), PF_LEVEL_ERROR);
	/* A category covers its descendants, not its siblings or parents. */
	assert_int_equal(pf_config_level(c, "analytics", "user.unique_id"), PF_LEVEL_OFF);
	assert_int_equal(pf_config_level(c, "analytics", "user.unique_id.pseudonymous"),
	                 PF_LEVEL_OFF);
	assert_int_equal(pf_config_level(c, "analytics", "user.unique_idx"), PF_LEVEL_WARNING);
	assert_int_equal(pf_config_level(c, "analytics", "user"), PF_LEVEL_WARNING);
	/* The most specific entry wins. */
	assert_int_equal(pf_config_level(c, "analytics", "user.unique_id.pseudonymous.strict.x"),
	                 PF_LEVEL_ERROR);
	/* No "default": the default of every purpose. */
	assert_int_equal(pf_config_level(c, "marketing", "user.contact.email"), PF_LEVEL_WARNING);
	assert_int_equal(pf_config_level(c, "marketing", "user.name"), PF_LEVEL_UNSET);
	/* A purpose the policy does not name. */
	assert_int_equal(pf_config_level(c, "telemetry", "user.name"), PF_LEVEL_UNSET);
}

static void test_find_upwards(void **state)
{
	struct fixture *f = *state;
	write_file("proj/.piiflow.json", "{}\n");
	write_file("proj/src/deep/x.c", "\n");
	write_file("proj/src/.piiflow.json/keep", "\n"); /* a directory of that name */
	char *found = pf_config_find("proj/src/deep");
	char want[PATH_MAX + 64];
	snprintf(want, sizeof(want), "%s/proj/.piiflow.json", f->tmp);
	/* Under the working directory: shown relative to it. */
	assert_non_null(found);
	assert_string_equal(found, "proj/.piiflow.json");
	free(found);
	/* From the directory itself, and from outside the working directory. */
	assert_int_equal(chdir("proj/src/deep"), 0);
	found = pf_config_find(NULL);
	assert_non_null(found);
	assert_string_equal(found, want);
	free(found);
	assert_int_equal(chdir(f->tmp), 0);
	/* The nearest wins. */
	write_file("proj/src/deep/.piiflow.json", "{}\n");
	found = pf_config_find("proj/src/deep");
	assert_string_equal(found, "proj/src/deep/.piiflow.json");
	free(found);
}

static void test_error_unknown_key_suggests(void **state)
{
	const char *m = load_error(*state, "{\n  \"build_dir\": \"b\",\n  \"polcy\": {}\n}\n");
	assert_string_equal(m, "sub/.piiflow.json:3:3: error: at polcy: unknown key 'polcy' "
	                       "(did you mean 'policy'?)");
	m = load_error(*state, "{\"zzz\": 1}");
	assert_non_null(strstr(m, "sub/.piiflow.json:1:2: error: at zzz: unknown key 'zzz' "
	                          "(expected one of: build_dir, rules, exclude, policy"));
}

/* data_uses: a purpose of the project's own -> a fideslang data use, checked
 * against the shipped data uses with a did-you-mean (issue 18). */
static void test_data_uses(void **state)
{
	struct fixture *f = *state;
	struct pf_taxonomy uses;
	pf_taxonomy_init(&uses);
	assert_int_equal(pf_taxonomy_load(&uses, PF_SOURCE_DIR "/rules/data_uses.csv", &f->err), 0);
	assert_true(pf_taxonomy_known(&uses, "marketing.advertising"));
	assert_false(pf_taxonomy_known(&uses, "data_use"));

	write_file(".piiflow.json", "{\"data_uses\": {\"crash_reports\": "
	                            "\"essential.service.operations.support\", \"ads\": "
	                            "\"marketing.advertising.third_party\"}}\n");
	assert_int_equal(pf_config_load_checked(&f->cfg, ".piiflow.json", &uses, &f->err), 0);
	assert_int_equal(f->cfg.ndata_uses, 2);
	assert_string_equal(f->cfg.data_uses[0].purpose, "crash_reports");
	assert_string_equal(f->cfg.data_uses[0].use, "essential.service.operations.support");
	assert_string_equal(f->cfg.data_uses[1].purpose, "ads");
	pf_config_free(&f->cfg);

	write_file("sub/.piiflow.json",
	           "{\n  \"data_uses\": {\"crash_reports\": \"essential.servce\"}\n}\n");
	assert_int_equal(pf_config_load_checked(&f->cfg, "sub/.piiflow.json", &uses, &f->err), -1);
	pf_error_format(&f->err, "error", f->msg, sizeof(f->msg));
	assert_string_equal(f->msg, "sub/.piiflow.json:2:34: error: at data_uses.crash_reports: "
	                            "unknown fideslang data use 'essential.servce' (did you mean "
	                            "'essential.service'?)");
	/* without the vocabulary the key is read, not checked */
	assert_int_equal(pf_config_load(&f->cfg, "sub/.piiflow.json", &f->err), 0);
	pf_config_free(&f->cfg);
	pf_taxonomy_free(&uses);

	const char *m = load_error(f, "{\"data_uses\": [\"analytics\"]}");
	assert_non_null(strstr(m, "data_uses must be an object of purpose -> fideslang data use"));
	m = load_error(f, "{\"data_uses\": {\"Crash Reports\": \"analytics\"}}");
	assert_non_null(strstr(m, "'Crash Reports' is not a purpose"));
	m = load_error(f, "{\"data_uses\": {\"crash\": 3}}");
	assert_non_null(strstr(m, "a data use must be a string, got a number"));
	m = load_error(f, "{\"data_use\": {}}");
	assert_non_null(strstr(m, "unknown key 'data_use' (did you mean 'data_uses'?)"));
}

static void test_error_wrong_types(void **state)
{
	const char *m = load_error(*state, "{\"rules\": \"x.json\"}");
	assert_string_equal(m, "sub/.piiflow.json:1:11: error: at rules: rules must be an array "
	                       "of strings, got a string");
	m = load_error(*state, "{\"exclude\": [\"a\",\n  7]}");
	assert_string_equal(m, "sub/.piiflow.json:2:3: error: at exclude[1]: each entry must be "
	                       "a string, got a number");
	m = load_error(*state, "{\"build_dir\": \"\"}");
	assert_non_null(strstr(m, "at build_dir: build_dir must not be empty"));
	m = load_error(*state, "{\"cache_dir\": false}");
	assert_non_null(strstr(m, "at cache_dir: cache_dir must be a string, got a boolean"));
	m = load_error(*state, "{\"analysis_budget\": \"lots\"}");
	assert_non_null(strstr(m, "at analysis_budget: analysis_budget must be a whole number "
	                          "from 0 to 10^12, got a string"));
	m = load_error(*state, "{\"analysis_budget\": -5}");
	assert_non_null(strstr(m, "analysis_budget must be a whole number from 0 to 10^12, got a "
	                          "number out of range"));
	m = load_error(*state, "{\"analysis_budget\": 2.5}");
	assert_non_null(strstr(m, "analysis_budget must be a whole number from 0 to 10^12, got a "
	                          "fractional number"));
	m = load_error(*state, "[1]");
	assert_string_equal(m, "sub/.piiflow.json:1:1: error: a config must be a JSON object, got "
	                       "an array");
}

static void test_error_policy(void **state)
{
	const char *m = load_error(*state, "{\"policy\": {\"ads\": \"warn\"}}");
	assert_string_equal(m, "sub/.piiflow.json:1:20: error: at policy.ads: severity must be "
	                       "\"error\", \"warning\" or \"off\", got \"warn\"");
	m = load_error(*state, "{\"policy\": {\"Ads\": \"off\"}}");
	assert_non_null(strstr(m, ":1:13: error: at policy.Ads: 'Ads' is not a purpose"));
	m = load_error(*state, "{\"policy\": {\"ads\": {\"defualt\": \"off\"}}}");
	assert_non_null(strstr(m, "at policy.ads.defualt: unknown key 'defualt' (did you mean "
	                          "'default'?)"));
	m = load_error(*state, "{\"policy\": {\"ads\": {\"categories\": {\"user.name\": 1}}}}");
	assert_non_null(strstr(m, "at policy.ads.categories[\"user.name\"]: severity must be"));
	m = load_error(*state, "{\"policy\": {\"ads\": {\"categories\": {\"User\": \"off\"}}}}");
	assert_non_null(strstr(m, "'User' is not a category key"));
	m = load_error(*state, "{\"policy\": [\"ads\"]}");
	assert_non_null(strstr(m, "at policy: policy must be an object"));
}

static void test_error_json_and_file(void **state)
{
	struct fixture *f = *state;
	const char *m = load_error(f, "{\n  \"rules\": [\n");
	assert_non_null(strstr(m, "sub/.piiflow.json:3"));
	assert_non_null(strstr(m, "invalid JSON"));
	m = load_error(f, "{\"rules\": [], \"rules\": []}");
	assert_non_null(strstr(m, "invalid JSON: duplicate object key"));
	assert_int_equal(pf_config_load(&f->cfg, "missing/.piiflow.json", &f->err), -1);
	pf_error_format(&f->err, "error", f->msg, sizeof(f->msg));
	assert_string_equal(f->msg, "missing/.piiflow.json: error: cannot read config file: No "
	                            "such file or directory");
}

static void test_glob_match(void **state)
{
	(void)state;
	/* FNM_PATHNAME: "*" and "?" stay within a segment. */
	assert_true(pf_glob_match("*.c", "a.c"));
	assert_false(pf_glob_match("*.c", "src/a.c"));
	assert_true(pf_glob_match("src/?.c", "src/a.c"));
	assert_true(pf_glob_match("src/[ab].c", "src/b.c"));
	assert_false(pf_glob_match("src/[ab].c", "src/c.c"));
	assert_true(pf_glob_match("src/*/gen.c", "src/a/gen.c"));
	assert_false(pf_glob_match("src/*/gen.c", "src/a/b/gen.c"));
	/* "**" is any number of segments, none included. */
	assert_true(pf_glob_match("**/*.c", "a.c"));
	assert_true(pf_glob_match("**/*.c", "x/y/a.c"));
	assert_true(pf_glob_match("src/**/gen.c", "src/gen.c"));
	assert_true(pf_glob_match("src/**/gen.c", "src/a/b/gen.c"));
	assert_false(pf_glob_match("src/**/gen.c", "lib/a/gen.c"));
	assert_true(pf_glob_match("third_party/**", "third_party/zlib/inflate.c"));
	/* A directory covers what lies under it. */
	assert_true(pf_glob_match("third_party", "third_party/zlib/inflate.c"));
	assert_true(pf_glob_match("./vendor/", "vendor/x.c"));
	assert_true(pf_glob_match("*_generated", "proto_generated/a.c"));
	assert_false(pf_glob_match("vendor", "vendorx/a.c"));
	assert_false(pf_glob_match("vendor", "src/vendor.c"));
	/* "**" in a row is one "**"; a long run of them stays fast. */
	assert_true(pf_glob_match("**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/x.c",
	                          "a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/x.c"));
	assert_false(pf_glob_match("**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/x.c",
	                           "a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/y.c"));
	assert_true(pf_glob_match("a/**/**", "a/b/c"));
	/* An absolute glob never matches a relative path. */
	assert_false(pf_glob_match("/opt/**", "opt/x.h"));
	/* Absolute globs against absolute paths. */
	assert_true(pf_glob_match("/opt/sdk/**", "/opt/sdk/include/x.h"));
	assert_false(pf_glob_match("/opt/sdk/**", "/opt/other/x.h"));
}

static void test_excluded_relative_to_config(void **state)
{
	struct fixture *f = *state;
	write_file("proj/.piiflow.json",
	           "{\"exclude\": [\"third_party/**\", \"src/*_gen.c\", \"/nonexistent/**\"]}");
	write_file("proj/third_party/z/inflate.c", "\n");
	write_file("proj/src/a_gen.c", "\n");
	write_file("proj/src/a.c", "\n");
	write_file("third_party/outside.c", "\n");
	assert_int_equal(pf_config_load(&f->cfg, "proj/.piiflow.json", &f->err), 0);
	assert_true(pf_config_excluded(&f->cfg, "proj/third_party/z/inflate.c"));
	assert_true(pf_config_excluded(&f->cfg, "proj/src/a_gen.c"));
	assert_false(pf_config_excluded(&f->cfg, "proj/src/a.c"));
	/* Relative globs are relative to the config, not the working directory. */
	assert_false(pf_config_excluded(&f->cfg, "third_party/outside.c"));
	char abs[PATH_MAX + 64];
	snprintf(abs, sizeof(abs), "%s/proj/src/../src/a_gen.c", f->tmp);
	assert_true(pf_config_excluded(&f->cfg, abs));
	assert_true(pf_config_excluded(&f->cfg, "/nonexistent/x/y.c"));
	/* From inside the project the same files are excluded. */
	assert_int_equal(chdir("proj/src"), 0);
	assert_true(pf_config_excluded(&f->cfg, "a_gen.c"));
	assert_true(pf_config_excluded(&f->cfg, "../third_party/z/inflate.c"));
	assert_false(pf_config_excluded(&f->cfg, "a.c"));
	assert_int_equal(chdir(f->tmp), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_load_every_key, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_empty_config_is_valid, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_level_narrowed_by_category, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_find_upwards, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_error_unknown_key_suggests, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_error_wrong_types, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_error_policy, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_error_json_and_file, setup, teardown),
	    cmocka_unit_test(test_glob_match),
	    cmocka_unit_test_setup_teardown(test_data_uses, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_excluded_relative_to_config, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
