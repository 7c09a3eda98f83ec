/*
 * The lookup of an editor's unsaved buffers by path: found under the path it
 * was given as, and under another spelling of the same file (a symbolic
 * link, a "." segment) once resolved; never for another file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/unsaved.h"

static void test_find(void **state)
{
	(void)state;
	char dir[] = "/tmp/pf-unsaved-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char real[PATH_MAX], file[PATH_MAX + 16], link[PATH_MAX + 16], dotted[PATH_MAX + 16];
	assert_non_null(realpath(dir, real));
	snprintf(file, sizeof(file), "%s/a.c", real);
	snprintf(link, sizeof(link), "%s/b.c", real);
	snprintf(dotted, sizeof(dotted), "%s/./a.c", real);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fputs("int x;\n", f);
	fclose(f);
	assert_int_equal(symlink(file, link), 0);

	struct pf_unsaved_file files[] = {{file, "int y;\n", 7}};
	assert_ptr_equal(pf_unsaved_find(files, 1, file), &files[0]);
	assert_ptr_equal(pf_unsaved_find(files, 1, link), &files[0]);
	assert_ptr_equal(pf_unsaved_find(files, 1, dotted), &files[0]);
	assert_null(pf_unsaved_find(files, 1, "/nonexistent/a.c"));
	assert_null(pf_unsaved_find(files, 0, file));
	assert_null(pf_unsaved_find(NULL, 0, file));
	assert_null(pf_unsaved_find(files, 1, NULL));

	unlink(link);
	unlink(file);
	rmdir(real);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_find)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
