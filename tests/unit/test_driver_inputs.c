/*
 * Unit tests of the inputs a language server keeps between checks
 * (driver/inputs.h): read once, kept while none of their files changes,
 * read again when one changes, appears or goes away, and tried again after
 * a failed load only once a file changed.
 */
#define _XOPEN_SOURCE 700 /* nftw, mkdtemp */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "driver/driver.h"
#include "driver/inputs.h"

#include "scratch.h"

struct fixture {
	char tmp[PATH_MAX];
	char old_cwd[PATH_MAX];
	int saved_stderr;
	struct pf_check_inputs *in;
};

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void write_db(const char *const *files, size_t n)
{
	char cwd[PATH_MAX];
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	FILE *fp = fopen("build/compile_commands.json", "w");
	assert_non_null(fp);
	fputs("[", fp);
	for (size_t i = 0; i < n; i++)
		fprintf(fp,
		        "%s{\"directory\": \"%s\", \"file\": \"%s\", \"arguments\": [\"cc\", "
		        "\"-c\", \"%s\"]}",
		        i ? ", " : "", cwd, files[i], files[i]);
	fputs("]\n", fp);
	fclose(fp);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	if (!f || !getcwd(f->old_cwd, sizeof(f->old_cwd)))
		return -1;
	snprintf(f->tmp, sizeof(f->tmp), "%s/pf-inputs-XXXXXX", P_tmpdir);
	if (!mkdtemp(f->tmp) || chdir(f->tmp) != 0 || mkdir("build", 0755) != 0)
		return -1;
	/* the loaders say what is wrong on stderr: not in the test's output */
	fflush(stderr);
	f->saved_stderr = dup(2);
	int null = open("/dev/null", O_WRONLY);
	dup2(null, 2);
	close(null);
	f->in = pf_check_inputs_new();
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	pf_check_inputs_free(f->in);
	dup2(f->saved_stderr, 2);
	close(f->saved_stderr);
	if (chdir(f->old_cwd) != 0)
		return -1;
	pf_scratch_remove(f->tmp);
	free(f);
	return 0;
}

/* The compile database and the rules files: kept while unchanged, read
 * again when one changes, when a file the database lists appears, or when
 * the options name other files. */
static void test_refresh_on_change(void **state)
{
	struct fixture *f = *state;
	write_file("a.c", "int a;\n");
	const char *one[] = {"a.c", "b.c"};
	write_db(one, 2); /* b.c does not exist yet: a missing entry */
	write_file("extra.json", "{\"piiflow_rules\": 1, \"name\": \"extra\", \"sinks\": []}\n");
	char *rules[] = {"extra.json"};
	struct pf_check_options o = {
	    .build_dir = "build", .no_config = true, .rules_files = rules, .nrules = 1};
	assert_true(pf_check_inputs_refresh(f->in, &o));
	assert_true(f->in->loaded);
	assert_true(f->in->has_db);
	assert_int_equal(f->in->db.ncmds, 1);
	assert_int_equal(f->in->db.nmissing, 1);
	assert_false(pf_check_inputs_refresh(f->in, &o)); /* nothing changed */

	write_file("b.c", "int b;\n"); /* the missing entry's file appears */
	assert_true(pf_check_inputs_refresh(f->in, &o));
	assert_int_equal(f->in->db.ncmds, 2);
	assert_false(pf_check_inputs_refresh(f->in, &o));

	size_t sinks = f->in->rules.nsinks;
	write_file("extra.json", "{\"piiflow_rules\": 1, \"name\": \"extra\", \"sinks\": "
	                         "[{\"function\": \"send\", \"args\": [0], \"purpose\": "
	                         "\"advertising\"}]}\n");
	assert_true(pf_check_inputs_refresh(f->in, &o));
	assert_int_equal(f->in->rules.nsinks, sinks + 1);

	o.nrules = 0; /* other options: other inputs */
	assert_true(pf_check_inputs_refresh(f->in, &o));
	assert_int_equal(f->in->rules.nsinks, sinks);
	assert_false(pf_check_inputs_refresh(f->in, &o));
}

/* A config that appears is found by the next refresh, and its build_dir
 * is the database read; a bad one leaves the inputs unloaded (the check
 * then reads the files itself and says why), and they are read again only
 * once it changes. */
static void test_refresh_config(void **state)
{
	struct fixture *f = *state;
	write_file("a.c", "int a;\n");
	const char *one[] = {"a.c"};
	write_db(one, 1);
	struct pf_check_options o = {0};
	assert_true(pf_check_inputs_refresh(f->in, &o));
	assert_true(f->in->loaded);
	assert_false(f->in->has_db); /* no -p, no config */

	write_file(".piiflow.json", "{\"build_dir\": \"build\"}\n");
	assert_true(pf_check_inputs_refresh(f->in, &o));
	assert_true(f->in->loaded);
	assert_true(f->in->has_db);
	assert_int_equal(f->in->db.ncmds, 1);
	assert_false(pf_check_inputs_refresh(f->in, &o));

	write_file(".piiflow.json", "{\"build_dir\": \"build\", \"no_such_key\": 1}\n");
	assert_true(pf_check_inputs_refresh(f->in, &o));
	assert_false(f->in->loaded);
	assert_false(pf_check_inputs_refresh(f->in, &o));
	assert_false(f->in->loaded);

	write_file(".piiflow.json", "{\"build_dir\": \"build\"}\n");
	assert_true(pf_check_inputs_refresh(f->in, &o));
	assert_true(f->in->loaded);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_refresh_on_change, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_refresh_config, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
