/*
 * The language server's pieces with a contract of their own: the framing of
 * JSON-RPC messages (whole messages out of arbitrary chunks, a bad header
 * dropped without losing the next message), file:// URIs both ways, and
 * byte columns turned into LSP's UTF-16 characters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lsp/lsp_int.h"

/* Writes s into a pipe and fills the reader from it. */
static void feed(struct pf_lsp_reader *r, const char *s)
{
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], s, strlen(s)), (ssize_t)strlen(s));
	close(fds[1]);
	assert_int_equal(pf_lsp_reader_fill(r, fds[0]), (ssize_t)strlen(s));
	close(fds[0]);
}

static void next_is(struct pf_lsp_reader *r, const char *want)
{
	char *body = NULL;
	size_t len = 0;
	assert_int_equal(pf_lsp_reader_next(r, &body, &len), 1);
	assert_string_equal(body, want);
	assert_int_equal(len, strlen(want));
	free(body);
}

static void test_two_messages_in_one_chunk(void **state)
{
	(void)state;
	struct pf_lsp_reader r = {0};
	feed(&r, "Content-Length: 2\r\n\r\n{}content-length:7\r\nContent-Type: x\r\n\r\n[1,2,3]");
	next_is(&r, "{}");
	next_is(&r, "[1,2,3]");
	char *body;
	size_t len;
	assert_int_equal(pf_lsp_reader_next(&r, &body, &len), 0);
	pf_lsp_reader_free(&r);
}

static void test_split_message(void **state)
{
	(void)state;
	struct pf_lsp_reader r = {0};
	char *body;
	size_t len;
	feed(&r, "Content-Len");
	assert_int_equal(pf_lsp_reader_next(&r, &body, &len), 0);
	feed(&r, "gth: 9\r\n\r\n{\"a\":");
	assert_int_equal(pf_lsp_reader_next(&r, &body, &len), 0);
	feed(&r, "\"b\"}");
	next_is(&r, "{\"a\":\"b\"}");
	pf_lsp_reader_free(&r);
}

static void test_bad_header_then_good_message(void **state)
{
	(void)state;
	struct pf_lsp_reader r = {0};
	char *body;
	size_t len;
	feed(&r, "Content-Type: text/plain\r\n\r\nContent-Length: x2\r\n\r\n"
	         "Content-Length: 4\r\n\r\nnull");
	assert_int_equal(pf_lsp_reader_next(&r, &body, &len), -1);
	assert_null(body);
	assert_int_equal(pf_lsp_reader_next(&r, &body, &len), -1);
	next_is(&r, "null");
	pf_lsp_reader_free(&r);
}

static void test_uri_round_trip(void **state)
{
	(void)state;
	char *uri = pf_lsp_path_to_uri("/tmp/a dir/50%/x.c");
	assert_string_equal(uri, "file:///tmp/a%20dir/50%25/x.c");
	char *path = pf_lsp_uri_to_path(uri);
	assert_string_equal(path, "/tmp/a dir/50%/x.c");
	free(uri);
	free(path);
	path = pf_lsp_uri_to_path("file://localhost/src/%C3%A9t%C3%A9.c");
	assert_string_equal(path, "/src/\xC3\xA9t\xC3\xA9.c");
	free(path);
	assert_null(pf_lsp_uri_to_path("untitled:Untitled-1"));
	assert_null(pf_lsp_uri_to_path("file://otherhost/x.c"));
	assert_null(pf_lsp_uri_to_path("file:///a%00b.c"));
}

static void test_utf16_characters(void **state)
{
	(void)state;
	/* "é" is 2 bytes and 1 UTF-16 unit; U+1F600 is 4 bytes and 2 units */
	const char *text = "int x;\n\t\xC3\xA9 = \xF0\x9F\x98\x80 f(a);\r\nlast";
	struct pf_lsp_doc doc = {.text = (char *)text, .len = strlen(text)};
	size_t len;
	const char *line = pf_lsp_doc_line(&doc, 1, &len);
	assert_non_null(line);
	assert_int_equal(len, strlen("\t\xC3\xA9 = \xF0\x9F\x98\x80 f(a);"));
	assert_int_equal(pf_lsp_doc_character(&doc, 1, 1), 0);
	assert_int_equal(pf_lsp_doc_character(&doc, 1, 2), 1);  /* é */
	assert_int_equal(pf_lsp_doc_character(&doc, 1, 4), 2);  /* the space after é */
	assert_int_equal(pf_lsp_doc_character(&doc, 1, 12), 8); /* f, after the emoji */
	assert_null(pf_lsp_doc_line(&doc, 3, &len));
	assert_int_equal(pf_lsp_doc_character(NULL, 4, 9), 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_two_messages_in_one_chunk),
	    cmocka_unit_test(test_split_message),
	    cmocka_unit_test(test_bad_header_then_good_message),
	    cmocka_unit_test(test_uri_round_trip),
	    cmocka_unit_test(test_utf16_characters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
