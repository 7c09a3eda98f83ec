/*
 * The compile database: which translation units make up the program and how
 * each is compiled. Read from compile_commands.json (both the "arguments" and
 * the "command" forms) or made from files given on the command line.
 * A pf_compdb owns all of its strings.
 */
#ifndef PF_COMPDB_H
#define PF_COMPDB_H

#include <stddef.h>

#include "util/error.h"
#include "util/unsaved.h"

struct pf_compile_command {
	char *directory; /* absolute */
	char *file;      /* absolute, normalized (no "." or ".." segments) */
	char *display;   /* the file as reports show it: relative to the cwd when
	                  * under it, else absolute */
	char **argv;     /* argv[0] is the compiler; NULL-terminated */
	size_t argc;
};

struct pf_compdb {
	struct pf_compile_command *cmds;
	size_t ncmds;
	/* entries whose file no longer exists (deleted since the build was
	 * configured): skipped, kept here so that the caller can say so */
	struct pf_compile_command *missing;
	size_t nmissing;
};

/* A file's content that replaces the one on disk for a run (the staged
 * version of a file, or its version at another revision, or an editor's
 * buffer): struct pf_unsaved_file of util/unsaved.h. */

void pf_compdb_init(struct pf_compdb *db);
void pf_compdb_free(struct pf_compdb *db);

/* Loads DIR/compile_commands.json. Entries whose file is not a C file
 * (.c, .h, .i) are skipped; duplicate files keep the first entry; entries
 * whose file does not exist go to db->missing (unless every entry does). Returns 0,
 * or -1 with a message naming the file and the problem in err (missing,
 * malformed JSON with line and column, an entry without "file" or without a
 * command, a "directory" that is not one, a file that cannot be read or
 * holds binary content). An entry whose file does not exist is left out
 * and named in db->stale. Entries are counted from 0 in
 * messages, as in a JSON path. A relative "directory" is relative to DIR (a
 * missing one means DIR); a relative "file" is relative to "directory".
 * "arguments" wins over "command"; "command" is split as by
 * pf_compdb_split_command. A database with no C entry at all is an error.
 * "DIR" here is the folder compile_commands.json really lies in, symlinks
 * resolved.
 * db is initialized here; on error it is left empty. */
int pf_compdb_load(struct pf_compdb *db, const char *dir, struct pf_error *err);

/* The same for a database already in memory: text holds len bytes (no NUL
 * needed), dbpath names it in messages, and relative "directory" values are
 * taken against dir. */
int pf_compdb_load_buffer(struct pf_compdb *db, const char *dbpath, const char *dir,
                          const char *text, size_t len, struct pf_error *err);

/* Makes one entry per file, compiled as "cc FLAGS... FILE" in the cwd (FILE
 * as given). The same file named twice keeps its first entry. Returns 0, or
 * -1 when no file is given or a file does not exist, is not a regular file
 * ("FILE: is a directory"), cannot be read or holds binary content. db is
 * initialized here; on error it is left
 * empty. */
int pf_compdb_from_files(struct pf_compdb *db, char *const *files, size_t nfiles,
                         char *const *flags, size_t nflags, struct pf_error *err);

/* Adds an entry for file (a .c file the database does not list: new since
 * the build was configured) made from the entry nearest to it, as clangd
 * interpolates: one of the same directory, else the one whose directory
 * shares the longest leading part with file's, the first of those in the
 * database's order; its directory and arguments, with the argument that
 * names its file replaced by file. Returns 1 when an entry was added (the
 * last of db->cmds), 0 when file is listed already, is not a .c file or the
 * database is empty. */
int pf_compdb_interpolate(struct pf_compdb *db, const char *file);

/* Splits a shell command line into words by POSIX sh quoting rules (blanks,
 * '...', "...", backslash, backslash-newline) without any expansion: no
 * globbing, no variables, no command substitution. On success *argv is a
 * NULL-terminated array of *argc malloc'd strings (caller frees each and the
 * array). Returns 0, or -1 with "unterminated single quote", "unterminated
 * double quote" or "empty command" in err. */
int pf_compdb_split_command(const char *command, char ***argv, size_t *argc, struct pf_error *err);

#endif
