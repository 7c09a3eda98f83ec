/*
 * Loading the compile database: the first stage of the pipeline decides which
 * translation units make up the program and how each one is compiled, so that
 * every later stage sees the code as the real build does. The JSON format is
 * clang's (JSON Compilation Database); the "command" form is split into words
 * here by POSIX shell quoting rules without any expansion. wordexp(3) is not
 * used because it cannot be told not to glob or expand variables: "-DX=a*"
 * or "-I$(SDK)/include" would come back changed by the analyzer's own
 * environment and working directory. jansson stays inside this file.
 */
#include "compdb.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/file.h"
#include "util/path.h"
#include "util/xalloc.h"

/* Names file (NULL: none) and sets the text of err, which may be NULL. */
static void set_err(struct pf_error *err, const char *file, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_err(struct pf_error *err, const char *file, const char *fmt, ...)
{
	if (!err)
		return;
	pf_error_begin(err, file);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->text, sizeof(err->text), fmt, ap);
	va_end(ap);
}

/* ---- splitting a "command" string ---- */

struct strbuf {
	char *s;
	size_t len, cap;
};

static void sb_addc(struct strbuf *b, char c)
{
	if (b->len + 1 >= b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->s = pf_xrealloc(b->s, b->cap);
	}
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

struct argvec {
	char **v;
	size_t n, cap;
};

/* Appends s (taking ownership) and keeps the vector NULL-terminated. */
static void av_push(struct argvec *a, char *s)
{
	if (a->n + 2 > a->cap) {
		a->cap = a->cap ? a->cap * 2 : 16;
		a->v = pf_xrealloc(a->v, a->cap * sizeof(*a->v));
	}
	a->v[a->n++] = s;
	a->v[a->n] = NULL;
}

static void av_free(struct argvec *a)
{
	pf_free_strings(a->v, a->n);
	a->v = NULL;
	a->n = a->cap = 0;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Reads one double-quoted span starting after the opening quote; returns the
 * position after the closing quote, or NULL when there is none. Inside double
 * quotes a backslash escapes only $ ` " \ and newline, as in sh. */
static const char *split_dquote(const char *p, struct strbuf *w)
{
	for (; *p && *p != '"'; p++) {
		if (*p == '\\' && (p[1] == '$' || p[1] == '`' || p[1] == '"' || p[1] == '\\')) {
			sb_addc(w, *++p);
		} else if (*p == '\\' && p[1] == '\n') {
			p++; /* line continuation */
		} else {
			sb_addc(w, *p);
		}
	}
	return *p == '"' ? p + 1 : NULL;
}

int pf_compdb_split_command(const char *command, char ***argv, size_t *argc, struct pf_error *err)
{
	struct argvec out = {0};
	struct strbuf w = {0};
	bool in_word = false;
	int rc = 0;
	const char *p = command;

	*argv = NULL;
	*argc = 0;
	while (*p) {
		if (p[0] == '\\' && p[1] == '\n') {
			p += 2; /* line continuation joins, it does not separate */
			continue;
		}
		if (is_blank(*p)) {
			if (in_word) {
				av_push(&out, w.s ? w.s : pf_xstrdup(""));
				w = (struct strbuf){0};
				in_word = false;
			}
			p++;
			continue;
		}
		in_word = true;
		if (*p == '\\') {
			/* a trailing backslash stands for itself */
			sb_addc(&w, p[1] ? p[1] : '\\');
			p += p[1] ? 2 : 1;
		} else if (*p == '\'') {
			const char *end = strchr(p + 1, '\'');
			if (!end) {
				set_err(err, NULL, "unterminated single quote");
				rc = -1;
				goto done;
			}
			for (p++; p < end; p++)
				sb_addc(&w, *p);
			p = end + 1;
		} else if (*p == '"') {
			p = split_dquote(p + 1, &w);
			if (!p) {
				set_err(err, NULL, "unterminated double quote");
				rc = -1;
				goto done;
			}
		} else {
			sb_addc(&w, *p++);
		}
	}
	if (in_word) {
		av_push(&out, w.s ? w.s : pf_xstrdup(""));
		w = (struct strbuf){0};
	}
	if (out.n == 0) {
		set_err(err, NULL, "empty command");
		rc = -1;
		goto done;
	}
	*argv = out.v;
	*argc = out.n;
	out = (struct argvec){0};
done:
	free(w.s);
	av_free(&out);
	return rc;
}

/* ---- the database ---- */

void pf_compdb_init(struct pf_compdb *db)
{
	db->cmds = NULL;
	db->ncmds = 0;
	db->missing = NULL;
	db->nmissing = 0;
}

static void command_release(struct pf_compile_command *c)
{
	free(c->directory);
	free(c->file);
	free(c->display);
	if (c->argv) {
		pf_free_strings(c->argv, c->argc);
	}
}

void pf_compdb_free(struct pf_compdb *db)
{
	for (size_t i = 0; i < db->ncmds; i++)
		command_release(&db->cmds[i]);
	free(db->cmds);
	for (size_t i = 0; i < db->nmissing; i++)
		command_release(&db->missing[i]);
	free(db->missing);
	pf_compdb_init(db);
}

/* C translation units, headers and preprocessed C. ".C" and ".cc" are C++. */
static bool is_c_file(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash : path, '.');
	return dot && (strcmp(dot, ".c") == 0 || strcmp(dot, ".h") == 0 || strcmp(dot, ".i") == 0);
}

/* A set of the absolute files already in the database, so that a database
 * with tens of thousands of entries is deduplicated in linear time. */
struct fileset {
	const char **slot;
	size_t cap, n;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* Adds s (borrowed; must outlive the set); returns false if it was there. */
static bool fileset_add(struct fileset *set, const char *s)
{
	if (2 * (set->n + 1) > set->cap) {
		struct fileset grown = {NULL, set->cap ? set->cap * 2 : 64, 0};
		grown.slot = pf_xcalloc(grown.cap, sizeof(*grown.slot));
		for (size_t i = 0; i < set->cap; i++)
			if (set->slot[i])
				fileset_add(&grown, set->slot[i]);
		free(set->slot);
		*set = grown;
	}
	size_t i = (size_t)(hash_str(s) & (set->cap - 1));
	for (; set->slot[i]; i = (i + 1) & (set->cap - 1))
		if (strcmp(set->slot[i], s) == 0)
			return false;
	set->slot[i] = s;
	set->n++;
	return true;
}

static void db_push(struct pf_compdb *db, size_t *cap, struct pf_compile_command c)
{
	if (db->ncmds == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		db->cmds = pf_xrealloc(db->cmds, *cap * sizeof(*db->cmds));
	}
	db->cmds[db->ncmds++] = c;
}

/* 0 if path names a regular file; else an errno value (EISDIR for a
 * directory, EINVAL for anything else that is not a regular file). */
static int check_regular(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return errno;
	if (S_ISDIR(st.st_mode))
		return EISDIR;
	if (!S_ISREG(st.st_mode))
		return EINVAL;
	return 0;
}

/* Not an errno value: the file holds a NUL byte near its start. */
#define PF_EBINARY (-1)

static const char *regular_strerror(int e)
{
	if (e == PF_EBINARY)
		return "not a C source file: binary content (a NUL byte in its first 8000 bytes)";
	return e == EINVAL ? "not a regular file" : e == EISDIR ? "is a directory" : strerror(e);
}

/* 0 if path is a regular file that can be read and looks like text; else an
 * errno value or PF_EBINARY. A file clang cannot open would otherwise show
 * up only as "cannot be parsed", and a binary file given as C as a thousand
 * compile errors; both are input errors that should name the cause. The
 * test for binary content is git's: a NUL byte in the first 8000 bytes. */
static int check_source(const char *path)
{
	int e = check_regular(path);
	if (e)
		return e;
	FILE *f = fopen(path, "rb");
	if (!f)
		return errno;
	char head[8000];
	size_t n = fread(head, 1, sizeof(head), f);
	e = ferror(f) ? (errno ? errno : EIO) : 0;
	fclose(f);
	if (!e && memchr(head, '\0', n))
		e = PF_EBINARY;
	return e;
}

/* 0 if path is a directory a compiler can run in; else an errno value. */
static int check_directory(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return errno;
	return S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
}

/* Reads a whole database; returns 0 or an errno value (EISDIR for a
 * folder; a pipe or a device is read as it comes). */
static int read_db(const char *path, char **data, size_t *len)
{
	int e = check_regular(path);
	if (e && e != EINVAL)
		return e;
	return pf_read_file(path, data, len);
}

/* Everything the entries of one database share, for messages and results. */
struct loader {
	struct pf_compdb *db;
	size_t cap;
	struct fileset seen;
	const char *dbpath; /* the database as the user named it */
	char *dir;          /* absolute directory of the database */
	size_t skipped;     /* entries that are not C */
	struct pf_error *err;
};

static int entry_argv(struct loader *L, json_t *entry, size_t index, struct argvec *out)
{
	json_t *args = json_object_get(entry, "arguments");
	json_t *cmd = json_object_get(entry, "command");
	if (args) {
		if (!json_is_array(args) || json_array_size(args) == 0) {
			set_err(L->err, L->dbpath,
			        "entry %zu: \"arguments\" is not a non-empty array of strings",
			        index);
			return -1;
		}
		size_t i;
		json_t *a;
		json_array_foreach(args, i, a)
		{
			if (!json_is_string(a)) {
				set_err(L->err, L->dbpath,
				        "entry %zu: \"arguments\" item %zu is not a string", index,
				        i);
				return -1;
			}
			av_push(out, pf_xstrdup(json_string_value(a)));
		}
		return 0;
	}
	if (!cmd) {
		set_err(L->err, L->dbpath, "entry %zu: no \"arguments\" or \"command\"", index);
		return -1;
	}
	if (!json_is_string(cmd)) {
		set_err(L->err, L->dbpath, "entry %zu: \"command\" is not a string", index);
		return -1;
	}
	struct pf_error why;
	if (pf_compdb_split_command(json_string_value(cmd), &out->v, &out->n, &why) != 0) {
		set_err(L->err, L->dbpath, "entry %zu: \"command\": %s", index, why.text);
		return -1;
	}
	out->cap = out->n + 1;
	return 0;
}

static int load_entry(struct loader *L, json_t *entry, size_t index)
{
	struct pf_compile_command c = {0};
	struct argvec av = {0};
	int rc = -1;

	if (!json_is_object(entry)) {
		set_err(L->err, L->dbpath, "entry %zu: not an object", index);
		goto done;
	}
	json_t *jfile = json_object_get(entry, "file");
	json_t *jdir = json_object_get(entry, "directory");
	if (!jfile || !json_is_string(jfile) || json_string_value(jfile)[0] == '\0') {
		set_err(L->err, L->dbpath, "entry %zu: %s", index,
		        jfile ? "\"file\" is not a non-empty string" : "no \"file\"");
		goto done;
	}
	if (jdir && !json_is_string(jdir)) {
		set_err(L->err, L->dbpath, "entry %zu: \"directory\" is not a string", index);
		goto done;
	}
	/* A relative "directory" is relative to the database's own directory;
	 * a missing one means that directory too. */
	const char *dir = jdir ? json_string_value(jdir) : "";
	c.directory = dir[0] ? pf_path_absolute(L->dir, dir) : pf_xstrdup(L->dir);
	c.file = pf_path_absolute(c.directory, json_string_value(jfile));
	if (!is_c_file(c.file)) {
		L->skipped++;
		rc = 0;
		goto done;
	}
	if (entry_argv(L, entry, index, &av) != 0)
		goto done;
	c.display = pf_path_display(c.file);
	int e = check_directory(c.directory);
	if (e) {
		set_err(L->err, L->dbpath, "entry %zu: \"directory\" '%s': %s", index,
		        dir[0] ? dir : L->dir, strerror(e));
		goto done;
	}
	e = check_source(c.file);
	if (e == ENOENT && fileset_add(&L->seen, c.file)) {
		/* deleted since the build was configured: skipped, and said */
		c.argv = av.v;
		c.argc = av.n;
		av = (struct argvec){0};
		L->db->missing =
		    pf_xrealloc(L->db->missing, (L->db->nmissing + 1) * sizeof(*L->db->missing));
		L->db->missing[L->db->nmissing++] = c;
		c = (struct pf_compile_command){0};
		rc = 0;
		goto done;
	}
	if (e) {
		set_err(L->err, L->dbpath, "entry %zu: %s: %s", index, c.display,
		        regular_strerror(e));
		goto done;
	}
	if (!fileset_add(&L->seen, c.file)) {
		rc = 0; /* the first entry for a file wins */
		goto done;
	}
	c.argv = av.v;
	c.argc = av.n;
	av = (struct argvec){0};
	db_push(L->db, &L->cap, c);
	c = (struct pf_compile_command){0};
	rc = 0;
done:
	av_free(&av);
	command_release(&c);
	return rc;
}

int pf_compdb_load_buffer(struct pf_compdb *db, const char *dbpath, const char *dir,
                          const char *text, size_t len, struct pf_error *err)
{
	struct loader L = {.db = db, .err = err, .dbpath = dbpath};
	L.dir = pf_path_absolute(NULL, dir);
	json_t *root = NULL;
	int rc = -1;

	pf_compdb_init(db);
	json_error_t jerr;
	root = json_loadb(text, len, 0, &jerr);
	if (!root) {
		set_err(err, dbpath, "malformed compile database: %s", jerr.text);
		if (err && jerr.line > 0) { /* jansson says column 0 at a line's start */
			err->line = jerr.line;
			err->column = jerr.column > 0 ? jerr.column : 1;
		}
		goto done;
	}
	if (!json_is_array(root)) {
		set_err(err, dbpath, "compile database is not a JSON array");
		goto done;
	}
	if (json_array_size(root) == 0) {
		set_err(err, dbpath, "compile database has no entries");
		goto done;
	}
	size_t i;
	json_t *entry;
	json_array_foreach(root, i, entry)
	{
		if (load_entry(&L, entry, i) != 0)
			goto done;
	}
	if (db->ncmds == 0 && db->nmissing) {
		set_err(err, dbpath,
		        "compile database has no C files that exist (%zu %s skipped; first: "
		        "%s); regenerate it",
		        db->nmissing, db->nmissing == 1 ? "entry" : "entries",
		        db->missing[0].display);
		goto done;
	}
	if (db->ncmds == 0) {
		set_err(err, dbpath, "compile database has no C files (%zu %s skipped)", L.skipped,
		        L.skipped == 1 ? "entry" : "entries");
		goto done;
	}
	rc = 0;
done:
	if (rc != 0)
		pf_compdb_free(db);
	json_decref(root);
	free(L.seen.slot);
	free(L.dir);
	return rc;
}

/* Length of the leading directories a and b share (both absolute). */
static size_t common_dirs(const char *a, const char *b)
{
	size_t n = 0, last = 0;
	while (a[n] && a[n] == b[n]) {
		if (a[n] == '/')
			last = n + 1;
		n++;
	}
	return last;
}

int pf_compdb_interpolate(struct pf_compdb *db, const char *file)
{
	char *abs = pf_path_absolute(NULL, file);
	int added = 0;
	const struct pf_compile_command *best = NULL;
	size_t best_len = 0;
	if (!is_c_file(abs) || strcmp(strrchr(abs, '.'), ".c") != 0 || !db->ncmds)
		goto done;
	for (size_t i = 0; i < db->ncmds; i++)
		if (strcmp(db->cmds[i].file, abs) == 0)
			goto done;
	for (size_t i = 0; i < db->ncmds; i++) {
		size_t n = common_dirs(abs, db->cmds[i].file);
		if (!best || n > best_len) {
			best = &db->cmds[i];
			best_len = n;
		}
	}
	struct pf_compile_command c = {0};
	c.directory = pf_xstrdup(best->directory);
	c.file = pf_xstrdup(abs);
	c.display = pf_path_display(abs);
	c.argv = pf_xcalloc(best->argc + 2, sizeof(*c.argv));
	bool named = false;
	for (size_t i = 0; i < best->argc; i++) {
		char *a = i > 0 ? pf_path_absolute(best->directory, best->argv[i]) : NULL;
		bool is_file = a && !named && strcmp(a, best->file) == 0;
		free(a);
		c.argv[c.argc++] = pf_xstrdup(is_file ? abs : best->argv[i]);
		named |= is_file;
	}
	if (!named)
		c.argv[c.argc++] = pf_xstrdup(abs);
	db->cmds = pf_xrealloc(db->cmds, (db->ncmds + 1) * sizeof(*db->cmds));
	db->cmds[db->ncmds++] = c;
	added = 1;
done:
	free(abs);
	return added;
}

int pf_compdb_load(struct pf_compdb *db, const char *dir, struct pf_error *err)
{
	size_t dlen = strlen(dir);
	while (dlen > 1 && dir[dlen - 1] == '/')
		dlen--;
	char *dbpath = pf_xmalloc(dlen + sizeof("/compile_commands.json"));
	memcpy(dbpath, dir, dlen);
	strcpy(dbpath + dlen,
	       dlen == 1 && dir[0] == '/' ? "compile_commands.json" : "/compile_commands.json");
	char *text = NULL;
	size_t len = 0;
	int rc = -1;

	pf_compdb_init(db);
	int e = read_db(dbpath, &text, &len);
	if (e) {
		set_err(err, dbpath, "cannot read compile database: %s", strerror(e));
	} else {
		/* Relative "directory" values are taken against the folder the
		 * database really lies in: "-p build_link" and a compile_commands.json
		 * symlinked into the source root both mean the build folder, and
		 * "build_link/../src" is where the kernel, not the string, says. */
		char *real = realpath(dbpath, NULL);
		char *slash = real ? strrchr(real, '/') : NULL;
		if (slash)
			slash[slash == real] = '\0';
		rc = pf_compdb_load_buffer(db, dbpath, slash ? real : dir, text, len, err);
		free(real);
	}
	free(text);
	free(dbpath);
	return rc;
}

int pf_compdb_from_files(struct pf_compdb *db, char *const *files, size_t nfiles,
                         char *const *flags, size_t nflags, struct pf_error *err)
{
	struct fileset seen = {0};
	size_t cap = 0;
	int rc = -1;
	char *cwd = pf_path_absolute(NULL, ".");

	pf_compdb_init(db);
	if (nfiles == 0) {
		set_err(err, NULL, "no C files given");
		goto done;
	}
	for (size_t i = 0; i < nfiles; i++) {
		int e = check_source(files[i]);
		if (e) {
			set_err(err, files[i], "%s", regular_strerror(e));
			goto done;
		}
		struct pf_compile_command c = {0};
		c.file = pf_path_absolute(cwd, files[i]);
		if (!fileset_add(&seen, c.file)) {
			free(c.file);
			continue;
		}
		c.directory = pf_xstrdup(cwd);
		c.display = pf_path_display(c.file);
		c.argc = nflags + 2;
		c.argv = pf_xcalloc(c.argc + 1, sizeof(*c.argv));
		c.argv[0] = pf_xstrdup("cc");
		for (size_t k = 0; k < nflags; k++)
			c.argv[1 + k] = pf_xstrdup(flags[k]);
		c.argv[c.argc - 1] = pf_xstrdup(files[i]);
		db_push(db, &cap, c);
	}
	rc = 0;
done:
	if (rc != 0)
		pf_compdb_free(db);
	free(seen.slot);
	free(cwd);
	return rc;
}
