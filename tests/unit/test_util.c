/*
 * The helpers every loader shares: the file reader (whole text, NUL after
 * it, errno values on failure), the did-you-mean helper (edit distance with
 * transpositions, ignoring case; typos and abbreviations of known names)
 * pf_xasprintf, and the arena's reset (blocks kept and handed out again,
 * zeroed by pf_arena_alloc, big requests served).
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "util/arena.h"
#include "util/file.h"
#include "util/suggest.h"
#include "util/xalloc.h"

static void test_edit_distance(void **state)
{
	(void)state;
	assert_int_equal(pf_edit_distance("", ""), 0);
	assert_int_equal(pf_edit_distance("", "abc"), 3);
	assert_int_equal(pf_edit_distance("email", "EMAIL"), 0);
	assert_int_equal(pf_edit_distance("arg", "args"), 1);
	assert_int_equal(pf_edit_distance("form", "from"), 1); /* a transposition */
	assert_int_equal(pf_edit_distance("emial", "email"), 1);
	assert_int_equal(pf_edit_distance("kitten", "sitting"), 3);
	assert_int_equal(pf_edit_distance("sitting", "kitten"), 3);
}

static void test_did_you_mean(void **state)
{
	(void)state;
	static const char *const keys[] = {"function", "args", "purpose", "return", "from", NULL};
	assert_string_equal(pf_did_you_mean("purpose", keys), "purpose");
	assert_string_equal(pf_did_you_mean("purpse", keys), "purpose");
	assert_string_equal(pf_did_you_mean("form", keys), "from");
	assert_string_equal(pf_did_you_mean("arg", keys), "args");
	assert_string_equal(pf_did_you_mean("ret", keys), "return"); /* an abbreviation */
	assert_string_equal(pf_did_you_mean("FUNC", keys), "function");
	assert_null(pf_did_you_mean("category", keys));
	assert_null(pf_did_you_mean("fr", keys)); /* too short to abbreviate */
	static const char *const none[] = {NULL};
	assert_null(pf_did_you_mean("x", none));
}

static void test_read_file(void **state)
{
	(void)state;
	char path[] = "/tmp/piiflow-util-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	/* larger than the first buffer, with a NUL inside */
	size_t n = 40000;
	char *data = pf_xmalloc(n);
	for (size_t i = 0; i < n; i++)
		data[i] = (char)('a' + i % 26);
	data[100] = '\0';
	assert_int_equal(write(fd, data, n), (ssize_t)n);
	close(fd);

	char *text = NULL;
	size_t len = 0;
	assert_int_equal(pf_read_file(path, &text, &len), 0);
	assert_int_equal(len, n);
	assert_memory_equal(text, data, n);
	assert_int_equal(text[n], '\0');
	free(text);

	/* an empty file is an empty string */
	fd = open(path, O_TRUNC | O_WRONLY);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(pf_read_file(path, &text, &len), 0);
	assert_int_equal(len, 0);
	assert_string_equal(text, "");
	free(text);

	unlink(path);
	text = NULL;
	assert_int_equal(pf_read_file(path, &text, &len), ENOENT);
	assert_int_equal(errno, ENOENT);
	assert_null(text);
	free(data);
}

static void test_xasprintf(void **state)
{
	(void)state;
	char *s = pf_xasprintf("%s=%d", "answer", 42);
	assert_string_equal(s, "answer=42");
	free(s);
	s = pf_xasprintf("%s", "");
	assert_string_equal(s, "");
	free(s);
}

static void test_arena_reset(void **state)
{
	(void)state;
	struct pf_arena a = PF_ARENA_INIT;
	/* dirty every byte of a few blocks, one of them bigger than a block */
	for (int i = 0; i < 100; i++)
		memset(pf_arena_alloc_uninit(&a, 4000), 0xab, 4000);
	memset(pf_arena_alloc(&a, 1 << 20), 0xcd, 1 << 20);
	size_t reserved = a.reserved;
	assert_true(reserved >= 400000 + (1 << 20));
	for (int round = 0; round < 3; round++) {
		pf_arena_reset(&a);
		assert_int_equal(a.used, 0);
		/* the same requests again: no new block, zeroed where asked */
		for (int i = 0; i < 100; i++) {
			unsigned char *p = pf_arena_alloc(&a, 4000);
			for (int k = 0; k < 4000; k++)
				assert_int_equal(p[k], 0);
			memset(p, 0xef, 4000);
		}
		unsigned char *big = pf_arena_alloc(&a, 1 << 20);
		assert_int_equal(big[0], 0);
		assert_int_equal(big[(1 << 20) - 1], 0);
		memset(big, 0x12, 1 << 20);
		assert_int_equal(a.reserved, reserved);
	}
	/* more than was kept: the arena grows as before */
	pf_arena_reset(&a);
	for (int i = 0; i < 1000; i++)
		memset(pf_arena_alloc_uninit(&a, 4000), 0x34, 4000);
	assert_true(a.reserved > reserved);
	pf_arena_release(&a);
	assert_int_equal(a.reserved, 0);
	assert_null(a.head);
	assert_null(a.spare);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_edit_distance), cmocka_unit_test(test_did_you_mean),
	    cmocka_unit_test(test_read_file),     cmocka_unit_test(test_xasprintf),
	    cmocka_unit_test(test_arena_reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
