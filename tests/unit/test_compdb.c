/*
 * Unit tests of the compile database loader: the first thing a user's build
 * meets, so its error messages and path handling are part of the contract
 * (SPEC section 4). Each test works in a fresh temporary directory that is
 * also the working directory, so that display paths are predictable.
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

#include "compdb/compdb.h"
#include "util/path.h"

#include "scratch.h"

struct fixture {
	char old_cwd[PATH_MAX];
	char tmp[PATH_MAX]; /* absolute, as getcwd reports it */
	struct pf_compdb db;
	struct pf_error error;
	char err[1100]; /* error, formatted as piiflow prints it */
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	const char *base = getenv("TMPDIR");
	char templ[PATH_MAX];
	snprintf(templ, sizeof(templ), "%s/pf_compdb_XXXXXX", base && *base ? base : P_tmpdir);
	if (!f || !getcwd(f->old_cwd, sizeof(f->old_cwd)) || !mkdtemp(templ) || chdir(templ) != 0 ||
	    !getcwd(f->tmp, sizeof(f->tmp)))
		return -1;
	pf_compdb_init(&f->db);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	pf_compdb_free(&f->db);
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

static void write_sources(void)
{
	write_file("src/a.c", "int a;\n");
	write_file("src/b.c", "int b;\n");
	write_file("src/c.c", "int c;\n");
}

/* A path under the fixture's directory. */
static const char *in_tmp(struct fixture *f, const char *rel)
{
	static char buf[2 * PATH_MAX];
	snprintf(buf, sizeof(buf), "%s/%s", f->tmp, rel);
	return buf;
}

static void assert_argv(const struct pf_compile_command *c, const char *const *want)
{
	size_t n = 0;
	while (want[n])
		n++;
	assert_int_equal(c->argc, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(c->argv[i], want[i]);
	assert_null(c->argv[n]);
}

static void test_arguments_form(void **state)
{
	struct fixture *f = *state;
	write_sources();
	char json[PATH_MAX + 512];
	snprintf(json, sizeof(json),
	         "[{\"directory\": \"%s/build\", \"file\": \"../src/a.c\",\n"
	         "  \"arguments\": [\"gcc\", \"-Iinc\", \"-DNAME=a b\", \"-c\", \"../src/a.c\"],\n"
	         "  \"output\": \"a.o\"}]\n",
	         f->tmp);
	write_file("build/compile_commands.json", json);

	assert_int_equal(pf_compdb_load(&f->db, "build", &f->error), 0);
	assert_int_equal(f->db.ncmds, 1);
	const struct pf_compile_command *c = &f->db.cmds[0];
	assert_string_equal(c->directory, in_tmp(f, "build"));
	assert_string_equal(c->file, in_tmp(f, "src/a.c"));
	assert_string_equal(c->display, "src/a.c");
	assert_argv(c,
	            (const char *const[]){"gcc", "-Iinc", "-DNAME=a b", "-c", "../src/a.c", NULL});
}

static void test_command_form_quoting(void **state)
{
	struct fixture *f = *state;
	write_sources();
	/* JSON escaping on top of shell quoting: the shell sees
	 * cc -DMSG="\"hi there\"" -I'inc dir' -DX=a\ b -DG=a* -DV=$HOME -c src/a.c */
	write_file("compile_commands.json",
	           "[{\"directory\": \".\", \"file\": \"src/a.c\", \"command\": "
	           "\"cc -DMSG=\\\"\\\\\\\"hi there\\\\\\\"\\\" -I'inc dir' -DX=a\\\\ b "
	           "-DG=a* -DV=$HOME\\t-c  src/a.c\"}]");

	assert_int_equal(pf_compdb_load(&f->db, ".", &f->error), 0);
	assert_int_equal(f->db.ncmds, 1);
	const struct pf_compile_command *c = &f->db.cmds[0];
	assert_string_equal(c->directory, f->tmp);
	assert_string_equal(c->file, in_tmp(f, "src/a.c"));
	assert_argv(c, (const char *const[]){"cc", "-DMSG=\"hi there\"", "-Iinc dir", "-DX=a b",
	                                     "-DG=a*", "-DV=$HOME", "-c", "src/a.c", NULL});
}

static void test_arguments_win_over_command(void **state)
{
	struct fixture *f = *state;
	write_sources();
	write_file("compile_commands.json",
	           "[{\"directory\": \".\", \"file\": \"src/a.c\", \"command\": \"cc 'broken\",\n"
	           "  \"arguments\": [\"clang\", \"src/a.c\"]}]");
	assert_int_equal(pf_compdb_load(&f->db, ".", &f->error), 0);
	assert_argv(&f->db.cmds[0], (const char *const[]){"clang", "src/a.c", NULL});
}

static void split_ok(const char *cmd, const char *const *want)
{
	char **argv;
	size_t argc;
	struct pf_error err;
	assert_int_equal(pf_compdb_split_command(cmd, &argv, &argc, &err), 0);
	struct pf_compile_command c = {.argv = argv, .argc = argc};
	assert_argv(&c, want);
	for (size_t i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
}

static void split_fails(const char *cmd, const char *why)
{
	char **argv = (char **)1;
	size_t argc = 1;
	struct pf_error err;
	assert_int_equal(pf_compdb_split_command(cmd, &argv, &argc, &err), -1);
	assert_null(argv);
	assert_int_equal(argc, 0);
	assert_string_equal(err.text, why);
}

static void test_split_command(void **state)
{
	split_ok("cc a.c", (const char *const[]){"cc", "a.c", NULL});
	split_ok("  cc\t\n a.c  ", (const char *const[]){"cc", "a.c", NULL});
	split_ok("cc '' \"\" a.c", (const char *const[]){"cc", "", "", "a.c", NULL});
	split_ok("cc -I'a'\"b\"c", (const char *const[]){"cc", "-Iabc", NULL});
	split_ok("cc 'a\\b' \"a\\b\" \"\\$x\\`\"",
	         (const char *const[]){"cc", "a\\b", "a\\b", "$x`", NULL});
	split_ok("cc \\\n  -c a\\\nb.c", (const char *const[]){"cc", "-c", "ab.c", NULL});
	split_ok("cc 'it''s' a\\'b", (const char *const[]){"cc", "its", "a'b", NULL});
	split_ok("cc $(pwd) `id` ~ *.c",
	         (const char *const[]){"cc", "$(pwd)", "`id`", "~", "*.c", NULL});
	split_ok("cc trailing\\", (const char *const[]){"cc", "trailing\\", NULL});
	split_fails("cc 'a.c", "unterminated single quote");
	split_fails("cc \"a.c", "unterminated double quote");
	split_fails("cc \"a\\\"", "unterminated double quote");
	split_fails("", "empty command");
	split_fails(" \t\n", "empty command");
}

static void test_relative_directory(void **state)
{
	struct fixture *f = *state;
	write_sources();
	write_file("build/compile_commands.json",
	           "[{\"directory\": \"../src\", \"file\": \"a.c\", \"command\": \"cc -c a.c\"},\n"
	           " {\"directory\": \".\", \"file\": \"../src/b.c\", \"command\": \"cc x\"},\n"
	           " {\"file\": \"../src/./c.c\", \"command\": \"cc y\"}]");

	assert_int_equal(pf_compdb_load(&f->db, "build/", &f->error), 0);
	assert_int_equal(f->db.ncmds, 3);
	assert_string_equal(f->db.cmds[0].directory, in_tmp(f, "src"));
	assert_string_equal(f->db.cmds[0].file, in_tmp(f, "src/a.c"));
	assert_string_equal(f->db.cmds[1].directory, in_tmp(f, "build"));
	assert_string_equal(f->db.cmds[1].file, in_tmp(f, "src/b.c"));
	assert_string_equal(f->db.cmds[1].display, "src/b.c");
	assert_string_equal(f->db.cmds[2].directory, in_tmp(f, "build"));
	assert_string_equal(f->db.cmds[2].file, in_tmp(f, "src/c.c"));
}

static void test_absolute_db_dir_and_display(void **state)
{
	struct fixture *f = *state;
	write_sources();
	write_file("build/compile_commands.json",
	           "[{\"directory\": \"..\", \"file\": \"src/a.c\", \"command\": \"cc src/a.c\"}]");
	mkdir("elsewhere", 0755);
	assert_int_equal(chdir("elsewhere"), 0);
	assert_int_equal(pf_compdb_load(&f->db, in_tmp(f, "build"), &f->error), 0);
	assert_int_equal(f->db.ncmds, 1);
	/* the file is not under the cwd any more: shown absolute */
	assert_string_equal(f->db.cmds[0].display, in_tmp(f, "src/a.c"));
	assert_int_equal(chdir(".."), 0);
}

static void test_skips_non_c(void **state)
{
	struct fixture *f = *state;
	write_sources();
	write_file("src/h.h", "int h;\n");
	write_file("compile_commands.json",
	           "[{\"directory\": \".\", \"file\": \"src/x.cc\", \"command\": \"c++ x\"},\n"
	           " {\"directory\": \".\", \"file\": \"src/gone.cpp\", \"command\": \"c++ y\"},\n"
	           " {\"directory\": \".\", \"file\": \"src/X.C\", \"command\": \"c++ z\"},\n"
	           " {\"directory\": \".\", \"file\": \"src/a.c\", \"command\": \"cc a\"},\n"
	           " {\"directory\": \".\", \"file\": \"src/h.h\", \"command\": \"cc h\"},\n"
	           " {\"directory\": \".\", \"file\": \"src.c/obj.o\", \"command\": \"cc o\"}]");
	assert_int_equal(pf_compdb_load(&f->db, ".", &f->error), 0);
	assert_int_equal(f->db.ncmds, 2);
	assert_string_equal(f->db.cmds[0].display, "src/a.c");
	assert_string_equal(f->db.cmds[1].display, "src/h.h");
}

static void test_dedupe_keeps_first(void **state)
{
	struct fixture *f = *state;
	write_sources();
	write_file(
	    "compile_commands.json",
	    "[{\"directory\": \".\", \"file\": \"src/a.c\", \"command\": \"cc first\"},\n"
	    " {\"directory\": \".\", \"file\": \"src/b.c\", \"command\": \"cc b\"},\n"
	    " {\"directory\": \"src\", \"file\": \"./../src/a.c\", \"command\": \"cc second\"}]");
	assert_int_equal(pf_compdb_load(&f->db, ".", &f->error), 0);
	assert_int_equal(f->db.ncmds, 2);
	assert_string_equal(f->db.cmds[0].display, "src/a.c");
	assert_argv(&f->db.cmds[0], (const char *const[]){"cc", "first", NULL});
	assert_string_equal(f->db.cmds[1].display, "src/b.c");
}

static void test_many_entries(void **state)
{
	struct fixture *f = *state;
	size_t cap = 1 << 20, len = 0;
	char *json = malloc(cap);
	assert_non_null(json);
	len += (size_t)snprintf(json + len, cap - len, "[");
	for (int i = 0; i < 300; i++) {
		char name[64];
		snprintf(name, sizeof(name), "src/f%d.c", i % 200);
		write_file(name, "int x;\n");
		len += (size_t)snprintf(json + len, cap - len,
		                        "%s{\"directory\": \".\", \"file\": \"%s\", "
		                        "\"arguments\": [\"cc\", \"%d\"]}",
		                        i ? "," : "", name, i);
	}
	snprintf(json + len, cap - len, "]");
	write_file("compile_commands.json", json);
	free(json);
	assert_int_equal(pf_compdb_load(&f->db, ".", &f->error), 0);
	assert_int_equal(f->db.ncmds, 200);
	assert_string_equal(f->db.cmds[199].display, "src/f199.c");
	assert_string_equal(f->db.cmds[199].argv[1], "199");
}

/* Loads and expects failure with exactly this message; db stays empty. */
static void load_fails(struct fixture *f, const char *dir, const char *want)
{
	assert_int_equal(pf_compdb_load(&f->db, dir, &f->error), -1);
	pf_error_format(&f->error, NULL, f->err, sizeof(f->err));
	assert_string_equal(f->err, want);
	assert_int_equal(f->db.ncmds, 0);
	assert_null(f->db.cmds);
}

static void test_error_missing_db(void **state)
{
	struct fixture *f = *state;
	mkdir("build", 0755);
	load_fails(f, "build",
	           "build/compile_commands.json: cannot read compile database: No such file or "
	           "directory");
	load_fails(f, "nowhere/",
	           "nowhere/compile_commands.json: cannot read compile database: No such file or "
	           "directory");
	mkdir("build/compile_commands.json", 0755);
	load_fails(f, "build",
	           "build/compile_commands.json: cannot read compile database: Is a directory");
}

static void test_error_malformed_json(void **state)
{
	struct fixture *f = *state;
	write_file("compile_commands.json", "[\n  {\"file\": \"a.c\",}\n]\n");
	assert_int_equal(pf_compdb_load(&f->db, ".", &f->error), -1);
	pf_error_format(&f->error, NULL, f->err, sizeof(f->err));
	const char *want = "./compile_commands.json:2:";
	assert_memory_equal(f->err, want, strlen(want));
	assert_non_null(strstr(f->err, ": malformed compile database: "));

	write_file("compile_commands.json", "");
	assert_int_equal(pf_compdb_load(&f->db, ".", &f->error), -1);
	pf_error_format(&f->error, NULL, f->err, sizeof(f->err));
	assert_non_null(strstr(f->err, "./compile_commands.json:"));
	assert_non_null(strstr(f->err, "malformed compile database"));
}

static void test_error_not_array(void **state)
{
	struct fixture *f = *state;
	write_file("compile_commands.json", "{\"file\": \"a.c\"}");
	load_fails(f, ".", "./compile_commands.json: compile database is not a JSON array");
}

static void test_error_empty(void **state)
{
	struct fixture *f = *state;
	write_file("compile_commands.json", " [ ]\n");
	load_fails(f, ".", "./compile_commands.json: compile database has no entries");
}

static void test_error_entries(void **state)
{
	struct fixture *f = *state;
	write_sources();
	write_file("compile_commands.json", "[{\"file\": \"src/a.c\", \"command\": \"cc\"}, 42]");
	load_fails(f, ".", "./compile_commands.json: entry 1: not an object");

	write_file("compile_commands.json", "[{\"directory\": \".\", \"command\": \"cc a.c\"}]");
	load_fails(f, ".", "./compile_commands.json: entry 0: no \"file\"");

	write_file("compile_commands.json", "[{\"directory\": \".\", \"file\": 3}]");
	load_fails(f, ".", "./compile_commands.json: entry 0: \"file\" is not a non-empty string");

	write_file("compile_commands.json", "[{\"directory\": \".\", \"file\": \"src/a.c\"}]");
	load_fails(f, ".", "./compile_commands.json: entry 0: no \"arguments\" or \"command\"");

	write_file("compile_commands.json",
	           "[{\"directory\": \".\", \"file\": \"src/a.c\", \"command\": [\"cc\"]}]");
	load_fails(f, ".", "./compile_commands.json: entry 0: \"command\" is not a string");

	write_file("compile_commands.json",
	           "[{\"directory\": \".\", \"file\": \"src/a.c\", \"arguments\": [\"cc\", 1]}]");
	load_fails(f, ".",
	           "./compile_commands.json: entry 0: \"arguments\" item 1 is not a string");

	write_file("compile_commands.json",
	           "[{\"directory\": \".\", \"file\": \"src/a.c\", \"arguments\": []}]");
	load_fails(f, ".",
	           "./compile_commands.json: entry 0: \"arguments\" is not a non-empty array of "
	           "strings");

	write_file("compile_commands.json",
	           "[{\"directory\": 7, \"file\": \"src/a.c\", \"command\": \"cc\"}]");
	load_fails(f, ".", "./compile_commands.json: entry 0: \"directory\" is not a string");

	write_file("compile_commands.json",
	           "[{\"directory\": \".\", \"file\": \"src/a.c\", \"command\": \"cc 'a.c\"}]");
	load_fails(f, ".",
	           "./compile_commands.json: entry 0: \"command\": unterminated single quote");

	write_file("compile_commands.json",
	           "[{\"directory\": \".\", \"file\": \"src/a.c\", \"command\": \"  \"}]");
	load_fails(f, ".", "./compile_commands.json: entry 0: \"command\": empty command");
}

/* An entry whose file was deleted is skipped and kept in db->missing; a
 * database where every file is gone is an error. */
static void test_error_file_missing(void **state)
{
	struct fixture *f = *state;
	write_sources();
	/* a deleted file is a stale entry: left out and named, not an error */
	write_file("build/compile_commands.json",
	           "[{\"directory\": \"..\", \"file\": \"src/a.c\", \"command\": \"cc a\"},\n"
	           " {\"directory\": \"..\", \"file\": \"src/gone.c\", \"command\": \"cc b\"}]");
	assert_int_equal(pf_compdb_load(&f->db, "build", &f->error), 0);
	assert_int_equal(f->db.ncmds, 1);
	assert_int_equal(f->db.nmissing, 1);
	assert_string_equal(f->db.missing[0].display, "src/gone.c");
	pf_compdb_free(&f->db);
	write_file("build/compile_commands.json",
	           "[{\"directory\": \"..\", \"file\": \"src/gone.c\", \"command\": \"cc b\"}]");
	load_fails(f, "build",
	           "build/compile_commands.json: compile database has no C files that exist (1 "
	           "entry skipped; first: src/gone.c); regenerate it");

	mkdir("src/dir.c", 0755);
	write_file("build/compile_commands.json",
	           "[{\"directory\": \"..\", \"file\": \"src/dir.c\", \"command\": \"cc b\"}]");
	load_fails(f, "build", "build/compile_commands.json: entry 0: src/dir.c: is a directory");
}

/* A new file gets the command of the nearest entry, its file replaced. */
static void test_interpolate(void **state)
{
	struct fixture *f = *state;
	write_sources();
	write_file("lib/l.c", "int l;\n");
	write_file("build/compile_commands.json",
	           "[{\"directory\": \"..\", \"file\": \"lib/l.c\", \"arguments\": [\"cc\", "
	           "\"-DLIB\", \"-c\", \"lib/l.c\"]},\n"
	           " {\"directory\": \"..\", \"file\": \"src/a.c\", \"arguments\": [\"cc\", "
	           "\"-Iinc\", \"-c\", \"src/a.c\", \"-o\", \"a.o\"]}]");
	assert_int_equal(pf_compdb_load(&f->db, "build", &f->error), 0);
	assert_int_equal(pf_compdb_interpolate(&f->db, "src/a.c"), 0);
	assert_int_equal(pf_compdb_interpolate(&f->db, "src/a.h"), 0);
	assert_int_equal(pf_compdb_interpolate(&f->db, "src/new.c"), 1);
	assert_int_equal(f->db.ncmds, 3);
	const struct pf_compile_command *c = &f->db.cmds[2];
	assert_string_equal(c->display, "src/new.c");
	assert_string_equal(c->argv[1], "-Iinc");
	assert_string_equal(c->argv[3], c->file);
	assert_string_equal(c->argv[5], "a.o");
	assert_string_equal(c->directory, f->db.cmds[1].directory);
}

static void test_error_no_c_entries(void **state)
{
	struct fixture *f = *state;
	write_file("compile_commands.json",
	           "[{\"directory\": \".\", \"file\": \"a.cpp\", \"command\": \"c++ a.cpp\"},\n"
	           " {\"directory\": \".\", \"file\": \"b.cc\", \"command\": \"c++ b.cc\"}]");
	load_fails(f, ".",
	           "./compile_commands.json: compile database has no C files (2 entries skipped)");
}

static void test_from_files(void **state)
{
	struct fixture *f = *state;
	write_sources();
	char *files[] = {"src/a.c", "./src/../src/a.c", "src/b.c"};
	char *flags[] = {"-DX=1", "-Iinc"};
	assert_int_equal(pf_compdb_from_files(&f->db, files, 3, flags, 2, &f->error), 0);
	assert_int_equal(f->db.ncmds, 2);
	const struct pf_compile_command *c = &f->db.cmds[0];
	assert_string_equal(c->directory, f->tmp);
	assert_string_equal(c->file, in_tmp(f, "src/a.c"));
	assert_string_equal(c->display, "src/a.c");
	assert_argv(c, (const char *const[]){"cc", "-DX=1", "-Iinc", "src/a.c", NULL});
	assert_argv(&f->db.cmds[1], (const char *const[]){"cc", "-DX=1", "-Iinc", "src/b.c", NULL});
	pf_compdb_free(&f->db);

	char *abs[] = {(char *)in_tmp(f, "src/c.c")};
	assert_int_equal(pf_compdb_from_files(&f->db, abs, 1, NULL, 0, &f->error), 0);
	assert_string_equal(f->db.cmds[0].display, "src/c.c");
	assert_argv(&f->db.cmds[0], (const char *const[]){"cc", in_tmp(f, "src/c.c"), NULL});
}

static void from_files_fails(struct fixture *f, char *file, const char *want)
{
	char *files[] = {"src/a.c", file};
	assert_int_equal(pf_compdb_from_files(&f->db, files, file ? 2 : 0, NULL, 0, &f->error), -1);
	pf_error_format(&f->error, NULL, f->err, sizeof(f->err));
	assert_string_equal(f->err, want);
	assert_int_equal(f->db.ncmds, 0);
	assert_null(f->db.cmds);
}

static void test_from_files_errors(void **state)
{
	struct fixture *f = *state;
	write_sources();
	from_files_fails(f, "src/gone.c", "src/gone.c: No such file or directory");
	from_files_fails(f, "src", "src: is a directory");
	/* a FIFO rather than /dev/null: a machine where something replaced
	 * /dev/null by a file must not make this test lie */
	assert_int_equal(mkfifo("src/pipe.c", 0600), 0);
	from_files_fails(f, "src/pipe.c", "src/pipe.c: not a regular file");
	from_files_fails(f, NULL, "no C files given");
}

static void test_path_absolute(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *base, *path, *want;
	} cases[] = {
	    {"/a/b", "c.c", "/a/b/c.c"},
	    {"/a/b", "./c.c", "/a/b/c.c"},
	    {"/a/b", "../c.c", "/a/c.c"},
	    {"/a/b/", "..//x/./y/../c.c", "/a/x/c.c"},
	    {"/a", "../../../c.c", "/c.c"},
	    {"/a/b", "/abs/./d/../e.c", "/abs/e.c"},
	    {"/a/b", ".", "/a/b"},
	    {"/a/b", "..", "/a"},
	    {"/a/b", "../..", "/"},
	    {"/", "x/", "/x"},
	    {"/a/.b/..c", "...", "/a/.b/..c/..."},
	    {"//a//b//", "c", "/a/b/c"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = pf_path_absolute(cases[i].base, cases[i].path);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
	/* no base, or a relative one: the cwd */
	char *got = pf_path_absolute(NULL, "src/../x.c");
	assert_string_equal(got, in_tmp(f, "x.c"));
	free(got);
	got = pf_path_absolute("sub/dir", "../x.c");
	assert_string_equal(got, in_tmp(f, "sub/x.c"));
	free(got);
	/* symlinks are not resolved */
	assert_int_equal(symlink("/nonexistent-target", "link"), 0);
	got = pf_path_absolute(f->tmp, "link/../y.c");
	assert_string_equal(got, in_tmp(f, "y.c"));
	free(got);
}

static void test_path_display(void **state)
{
	struct fixture *f = *state;
	char *got = pf_path_display(in_tmp(f, "src/a.c"));
	assert_string_equal(got, "src/a.c");
	free(got);
	got = pf_path_display(f->tmp);
	assert_string_equal(got, ".");
	free(got);
	/* a sibling whose name starts like the cwd is not under it */
	char sibling[PATH_MAX + 8];
	snprintf(sibling, sizeof(sibling), "%sx/a.c", f->tmp);
	got = pf_path_display(sibling);
	assert_string_equal(got, sibling);
	free(got);
	got = pf_path_display("/elsewhere/a.c");
	assert_string_equal(got, "/elsewhere/a.c");
	free(got);
	got = pf_path_display("already/relative.c");
	assert_string_equal(got, "already/relative.c");
	free(got);
	assert_int_equal(chdir("/"), 0);
	got = pf_path_display("/usr/include/stdio.h");
	assert_string_equal(got, "usr/include/stdio.h");
	free(got);
	assert_int_equal(chdir(f->tmp), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_arguments_form, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_command_form_quoting, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_arguments_win_over_command, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_split_command, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_relative_directory, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_absolute_db_dir_and_display, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_skips_non_c, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_dedupe_keeps_first, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_many_entries, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_error_missing_db, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_error_malformed_json, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_error_not_array, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_error_empty, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_error_entries, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_error_file_missing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_interpolate, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_error_no_c_entries, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_from_files, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_from_files_errors, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_path_absolute, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_path_display, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
