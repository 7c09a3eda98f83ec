/*
 * Unit manifests and the link phase's reading of a traced build. A manifest
 * is a few lines of "key value" text, so that a user can read why a unit was
 * left out or failed; the IR beside it is the same binary form that
 * --emit-ir writes, lowered with absolute paths and shown relative to the
 * link phase's working directory when read back.
 */
#include "driver/units.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "ir/ir_io.h"
#include "util/file.h"
#include "util/path.h"
#include "util/xalloc.h"

#define PF_UNIT_MAGIC "piiflow-unit 1"
#define PF_UNIT_MAX_DEPTH 64 /* folders below the IR folder that are searched */
#define PF_UNIT_MAX_ERRORS 10

void pf_unit_release(struct pf_unit *u)
{
	free(u->source);
	free(u->object);
	free(u->directory);
	free(u->format);
	free(u->error);
	memset(u, 0, sizeof(*u));
}

void pf_unit_format_key(char hex[17])
{
	XXH3_state_t *st = XXH3_createState();
	XXH3_64bits_reset(st);
	const char *ver = PF_VERSION;
	unsigned fmt = PF_IR_FORMAT_VERSION;
	XXH3_64bits_update(st, ver, strlen(ver) + 1);
	XXH3_64bits_update(st, &fmt, sizeof(fmt));
	snprintf(hex, 17, "%016llx", (unsigned long long)XXH3_64bits_digest(st));
	XXH3_freeState(st);
}

/* A value on one line: newlines of a compiler message become spaces. */
static void pf_put_line(FILE *f, const char *key, const char *value)
{
	fprintf(f, "%s ", key);
	for (const char *p = value; *p; p++)
		fputc(*p == '\n' || *p == '\r' ? ' ' : *p, f);
	fputc('\n', f);
}

/* Writes path through a temporary file and a rename; write() fills it. */
static int pf_write_atomic(const char *path, int (*write)(FILE *, const void *), const void *arg,
                           char *err, size_t errsize)
{
	char *tmp = pf_xasprintf("%s.tmp.%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "wb");
	int rc = -1;
	if (f) {
		bool ok = write(f, arg) == 0;
		ok = fclose(f) == 0 && ok;
		if (ok && rename(tmp, path) == 0)
			rc = 0;
	}
	if (rc != 0) {
		snprintf(err, errsize, "%s: cannot write: %s", path, strerror(errno ? errno : EIO));
		unlink(tmp);
	}
	free(tmp);
	return rc;
}

static int pf_write_ir(FILE *f, const void *arg)
{
	return pf_ir_write(f, arg);
}

static int pf_write_manifest(FILE *f, const void *arg)
{
	const struct pf_unit *u = arg;
	fprintf(f, "%s\n", PF_UNIT_MAGIC);
	pf_put_line(f, "source", u->source);
	pf_put_line(f, "object", u->object);
	pf_put_line(f, "directory", u->directory);
	pf_put_line(f, "format", u->format);
	if (u->error)
		pf_put_line(f, "error", u->error);
	return ferror(f) ? -1 : 0;
}

int pf_unit_write(const char *base, const struct pf_unit *u, const struct pf_ir_tu *tu, char *err,
                  size_t errsize)
{
	char *ir = pf_xasprintf("%s.pfir", base);
	char *manifest = pf_xasprintf("%s.pfunit", base);
	int rc;
	if (tu) {
		rc = pf_write_atomic(ir, pf_write_ir, tu, err, errsize);
	} else {
		rc = unlink(ir) == 0 || errno == ENOENT ? 0 : -1;
		if (rc != 0)
			snprintf(err, errsize, "%s: cannot remove the IR of an earlier compile: %s",
			         ir, strerror(errno));
	}
	if (rc == 0)
		rc = pf_write_atomic(manifest, pf_write_manifest, u, err, errsize);
	free(ir);
	free(manifest);
	return rc;
}

/* Reads a manifest; -1 when it is not one. */
static int pf_unit_read(const char *path, struct pf_unit *u)
{
	char *text = NULL;
	size_t len = 0;
	memset(u, 0, sizeof(*u));
	if (pf_read_file(path, &text, &len) != 0)
		return -1;
	size_t mlen = strlen(PF_UNIT_MAGIC);
	int rc = -1;
	if (len < mlen + 1 || memcmp(text, PF_UNIT_MAGIC, mlen) != 0 || text[mlen] != '\n')
		goto done;
	for (char *line = text + mlen + 1; *line;) {
		char *end = strchr(line, '\n');
		if (!end)
			goto done; /* cut short */
		*end = '\0';
		char *space = strchr(line, ' ');
		if (space) {
			*space = '\0';
			char **slot = strcmp(line, "source") == 0      ? &u->source
			              : strcmp(line, "object") == 0    ? &u->object
			              : strcmp(line, "directory") == 0 ? &u->directory
			              : strcmp(line, "format") == 0    ? &u->format
			              : strcmp(line, "error") == 0     ? &u->error
			                                               : NULL;
			if (slot && !*slot)
				*slot = pf_xstrdup(space + 1);
		}
		line = end + 1;
	}
	if (u->source && u->source[0] == '/' && u->object && u->object[0] == '/' && u->directory &&
	    u->format)
		rc = 0;
done:
	free(text);
	if (rc != 0)
		pf_unit_release(u);
	return rc;
}

typedef PF_VEC(char *) pf_strvec;

struct pf_walk {
	pf_strvec irs, manifests;
};

static bool pf_ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);
	return n > t && strcmp(s + n - t, tail) == 0;
}

/* Collects the *.pfir and *.pfunit files under dir; symbolic links to
 * folders are not followed. Returns 0, or errno for dir itself. */
static int pf_walk_dir(struct pf_walk *w, const char *dir, int depth)
{
	DIR *d = opendir(dir);
	if (!d)
		return errno;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		char *path = pf_xasprintf("%s/%s", dir, de->d_name);
		struct stat st;
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode) && depth < PF_UNIT_MAX_DEPTH) {
			pf_walk_dir(w, path, depth + 1);
			free(path);
		} else if (pf_ends_with(de->d_name, ".pfir")) {
			PF_VEC_PUSH(w->irs, path);
		} else if (pf_ends_with(de->d_name, ".pfunit")) {
			PF_VEC_PUSH(w->manifests, path);
		} else {
			free(path);
		}
	}
	closedir(d);
	return 0;
}

static int pf_str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The output (-o) of a compile command, absolute, or NULL. */
static char *pf_command_output(const struct pf_compile_command *cmd)
{
	for (size_t i = 1; i + 1 < cmd->argc; i++)
		if (strcmp(cmd->argv[i], "-o") == 0)
			return pf_path_absolute(cmd->directory, cmd->argv[i + 1]);
	for (size_t i = 1; i < cmd->argc; i++)
		if (strncmp(cmd->argv[i], "-o", 2) == 0 && cmd->argv[i][2])
			return pf_path_absolute(cmd->directory, cmd->argv[i] + 2);
	return NULL;
}

/* One link phase's reading: the units found, what was read, what went
 * wrong and what was left out. */
struct pf_load {
	const char *dir;
	char key[17];
	char *cwd;
	size_t nerrors;
	PF_VEC(struct pf_ir_tu *) tus;
	size_t nplain;                /* tus[0..nplain): --emit-ir files */
	PF_VEC(struct pf_unit) units; /* the manifests kept */
	pf_strvec unit_paths;         /* and their paths */
	pf_strvec seen;               /* the sources read (no -p) */
	size_t gone, unlisted, twice; /* units left out, for the notes */
	struct pf_ir_shared *shared;  /* what the units read share */
};

__attribute__((format(printf, 2, 3))) static void pf_load_error(struct pf_load *L, const char *fmt,
                                                                ...)
{
	if (L->nerrors++ >= PF_UNIT_MAX_ERRORS)
		return;
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "piiflow: ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static struct pf_ir_tu *pf_read_ir(struct pf_load *L, const char *path, const char *under)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct pf_ir_tu *tu = pf_ir_read_shared(f, under, L->shared);
	fclose(f);
	return tu;
}

/* Reads the IR of the unit of manifest path, or says why it cannot. */
static void pf_load_unit(struct pf_load *L, const char *path, const struct pf_unit *u)
{
	char *shown = pf_path_display(u->source);
	if (u->error) {
		pf_load_error(L,
		              "%s: the compiler launcher could not analyze this unit: %s (see %s; "
		              "fix it and rebuild the unit)",
		              shown, u->error, path);
	} else if (strcmp(u->format, L->key) != 0) {
		pf_load_error(L,
		              "%s: its IR was made by another piiflow version (%s); rebuild with "
		              "the launcher of this one",
		              shown, path);
	} else {
		char *ir = pf_xasprintf("%.*s.pfir", (int)(strlen(path) - strlen(".pfunit")), path);
		struct pf_ir_tu *tu = NULL;
		if (access(ir, F_OK) != 0)
			pf_load_error(L,
			              "%s: the IR of this unit is missing (%s); rebuild the unit",
			              shown, ir);
		else if (!(tu = pf_read_ir(L, ir, L->cwd)))
			pf_load_error(L, "%s: not an IR file of this piiflow version", ir);
		else
			PF_VEC_PUSH(L->tus, tu);
		free(ir);
	}
	free(shown);
}

/* The manifests of the walk that may belong to the program, and the IR
 * files of --emit-ir (without a manifest), read at once. */
static void pf_collect(struct pf_load *L, const struct pf_walk *w, bool all)
{
	for (size_t i = 0; i < w->manifests.n; i++) {
		struct pf_unit u;
		struct stat st;
		if (pf_unit_read(w->manifests.v[i], &u) != 0) {
			pf_load_error(L, "%s: not a unit manifest of piiflow (*.pfunit)",
			              w->manifests.v[i]);
			continue;
		}
		/* a configure probe, or an object cleaned since; with a compile
		 * database, the database says what the program is instead (the IR
		 * of a CI matrix travels without the objects) */
		if (!all && stat(u.object, &st) != 0) {
			L->gone++;
			pf_unit_release(&u);
			continue;
		}
		PF_VEC_PUSH(L->units, u);
		PF_VEC_PUSH(L->unit_paths, w->manifests.v[i]);
	}
	for (size_t i = 0; i < w->irs.n; i++) {
		const char *ir = w->irs.v[i];
		char *m = pf_xasprintf("%.*s.pfunit", (int)(strlen(ir) - strlen(".pfir")), ir);
		bool traced = access(m, F_OK) == 0;
		free(m);
		if (traced)
			continue;
		struct pf_ir_tu *tu = pf_read_ir(L, ir, NULL);
		if (!tu)
			pf_load_error(L, "%s: not an IR file of this piiflow version", ir);
		else
			PF_VEC_PUSH(L->tus, tu);
	}
	L->nplain = L->tus.n;
}

/* With -p: for each entry of the compile database the unit that compiled
 * its file to its output, else any unit of its file; an entry without one
 * (nor an --emit-ir file of its file) is an error. */
static void pf_pick_listed(struct pf_load *L, const struct pf_compdb *db)
{
	bool *used = pf_xcalloc(L->units.n + 1, sizeof(bool));
	for (size_t c = 0; c < db->ncmds; c++) {
		const struct pf_compile_command *cmd = &db->cmds[c];
		char *out = pf_command_output(cmd);
		size_t pick = L->units.n;
		for (size_t k = 0; k < L->units.n; k++) {
			if (strcmp(L->units.v[k].source, cmd->file) != 0)
				continue;
			if (pick == L->units.n || (out && strcmp(L->units.v[k].object, out) == 0))
				pick = k;
		}
		free(out);
		bool plain = false;
		for (size_t t = 0; t < L->nplain && !plain; t++)
			plain = L->tus.v[t]->nincludes &&
			        strcmp(L->tus.v[t]->includes[0], cmd->file) == 0;
		if (pick < L->units.n && !used[pick]) {
			used[pick] = true;
			pf_load_unit(L, L->unit_paths.v[pick], &L->units.v[pick]);
		} else if (!plain && pick == L->units.n) {
			pf_load_error(L,
			              "%s: no IR of this unit of the compile database in %s (not "
			              "built with the launcher since, or its IR was removed); "
			              "rebuild it with piiflow cc",
			              cmd->display, L->dir);
		}
	}
	for (size_t k = 0; k < L->units.n; k++)
		L->unlisted += !used[k];
	free(used);
}

/* Without -p: every unit, the first of each source. */
static void pf_pick_all(struct pf_load *L)
{
	for (size_t k = 0; k < L->units.n; k++) {
		bool dup = false;
		for (size_t j = 0; j < L->seen.n && !dup; j++)
			dup = strcmp(L->seen.v[j], L->units.v[k].source) == 0;
		if (dup) {
			L->twice++;
			continue;
		}
		PF_VEC_PUSH(L->seen, L->units.v[k].source);
		pf_load_unit(L, L->unit_paths.v[k], &L->units.v[k]);
	}
}

/* What was left out, and the error of a folder that gave nothing. */
static void pf_load_summary(struct pf_load *L, bool quiet)
{
	const char *dir = L->dir;
	if (L->nerrors == 0 && L->tus.n == 0 && L->gone)
		pf_load_error(
		    L,
		    "%s: the object files of all %zu units are gone (IR carried without "
		    "the build?); give the compile database with -p BUILD_DIR, which then "
		    "says what the program is",
		    dir, L->gone);
	else if (L->nerrors == 0 && L->tus.n == 0)
		pf_load_error(L, "%s: no IR files (*.pfir) in this folder", dir);
	if (L->nerrors > PF_UNIT_MAX_ERRORS)
		fprintf(stderr, "piiflow: ... and %zu more units that cannot be read\n",
		        L->nerrors - PF_UNIT_MAX_ERRORS);
	if (quiet)
		return;
	if (L->gone && L->tus.n)
		fprintf(stderr,
		        "piiflow: note: left out %zu unit%s of %s whose object file no longer "
		        "exists (configure probes, objects cleaned since)\n",
		        L->gone, L->gone == 1 ? "" : "s", dir);
	if (L->unlisted)
		fprintf(stderr,
		        "piiflow: note: left out %zu unit%s of %s that the compile database "
		        "does not list\n",
		        L->unlisted, L->unlisted == 1 ? "" : "s", dir);
	if (L->twice)
		fprintf(stderr,
		        "piiflow: note: %zu source%s compiled more than once; the first unit of "
		        "each is read (give -p BUILD_DIR to pick the database's)\n",
		        L->twice, L->twice == 1 ? " was" : "s were");
}

int pf_units_load(const char *dir, const struct pf_compdb *db, struct pf_compdb *files, bool quiet,
                  struct pf_ir_tu ***tus, size_t *ntus)
{
	struct pf_load L = {
	    .dir = dir, .cwd = pf_path_absolute(NULL, "."), .shared = pf_ir_shared_new()};
	pf_unit_format_key(L.key);
	struct pf_walk w = {0};
	int e = pf_walk_dir(&w, dir, 0);
	if (e) {
		fprintf(stderr, "piiflow: %s: cannot read IR folder: %s\n", dir, strerror(e));
		L.nerrors++;
		goto done;
	}
	if (w.irs.n)
		qsort(w.irs.v, w.irs.n, sizeof(char *), pf_str_cmp);
	if (w.manifests.n)
		qsort(w.manifests.v, w.manifests.n, sizeof(char *), pf_str_cmp);
	pf_collect(&L, &w, db != NULL);
	if (db)
		pf_pick_listed(&L, db);
	else
		pf_pick_all(&L);
	pf_load_summary(&L, quiet);
	/* the main file of every unit, for the suppression comments */
	if (files && !files->ncmds && L.seen.n && L.nerrors == 0) {
		files->cmds = pf_xcalloc(L.seen.n + 1, sizeof(*files->cmds));
		for (size_t i = 0; i < L.seen.n; i++) {
			struct pf_compile_command *c = &files->cmds[files->ncmds++];
			c->directory = pf_xstrdup(L.cwd);
			c->file = pf_xstrdup(L.seen.v[i]);
			c->display = pf_path_display(L.seen.v[i]);
		}
	}
done:
	for (size_t i = 0; i < w.irs.n; i++)
		free(w.irs.v[i]);
	for (size_t i = 0; i < w.manifests.n; i++)
		free(w.manifests.v[i]);
	PF_VEC_FREE(w.irs);
	PF_VEC_FREE(w.manifests);
	for (size_t i = 0; i < L.units.n; i++)
		pf_unit_release(&L.units.v[i]);
	PF_VEC_FREE(L.units);
	PF_VEC_FREE(L.unit_paths);
	PF_VEC_FREE(L.seen);
	free(L.cwd);
	pf_ir_shared_release(L.shared); /* the units hold it from here */
	if (L.nerrors) {
		for (size_t i = 0; i < L.tus.n; i++)
			pf_ir_tu_free(L.tus.v[i]);
		PF_VEC_FREE(L.tus);
		*tus = NULL;
		*ntus = 0;
		return -1;
	}
	*tus = L.tus.v ? L.tus.v : pf_xcalloc(1, sizeof(**tus));
	*ntus = L.tus.n;
	return 0;
}
