/*
 * Cache entries are files named by the hex of a 128-bit xxHash key. An
 * entry holds a magic line, the list of files the unit read (path, size,
 * content hash) and the IR. Content hashes of files are remembered for the
 * run, so a header shared by many units is read once.
 */
#include "driver/cache.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "ir/ir_io.h"
#include "util/unsaved.h"
#include "util/xalloc.h"

static const char pf_cache_magic[8] = {'P', 'F', 'C', 'A', 'C', 'H', 'E', '1'};

struct pf_filehash {
	char *path;
	uint64_t hash;
	int64_t size;
	bool ok;
	bool has_stat; /* st was taken before the content was hashed */
	struct stat st;
};

struct pf_cache {
	char *dir;
	XXH128_hash_t env;
	pthread_mutex_t lock;
	PF_VEC(struct pf_filehash) files;
	unsigned hits;
	const struct pf_unsaved_file *unsaved; /* contents that replace files on disk */
	size_t nunsaved;
};

void pf_cache_set_unsaved(struct pf_cache *c, const struct pf_unsaved_file *files, size_t n)
{
	if (!c)
		return;
	c->unsaved = files;
	c->nunsaved = n;
}

static bool pf_hash_file(const char *path, uint64_t *hash, int64_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	XXH3_state_t *st = XXH3_createState();
	XXH3_64bits_reset(st);
	char buf[65536];
	size_t n;
	int64_t total = 0;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		XXH3_64bits_update(st, buf, n);
		total += (int64_t)n;
	}
	bool ok = !ferror(f);
	fclose(f);
	*hash = XXH3_64bits_digest(st);
	*size = total;
	XXH3_freeState(st);
	return ok;
}

/* The content hash of a file, remembered for the run. */
static bool pf_cache_file_hash(struct pf_cache *c, const char *path, uint64_t *hash, int64_t *size)
{
	pthread_mutex_lock(&c->lock);
	for (size_t i = 0; i < c->files.n; i++) {
		if (strcmp(c->files.v[i].path, path) == 0) {
			struct pf_filehash fh = c->files.v[i];
			pthread_mutex_unlock(&c->lock);
			*hash = fh.hash;
			*size = fh.size;
			return fh.ok;
		}
	}
	pthread_mutex_unlock(&c->lock);
	struct pf_filehash fh = {pf_xstrdup(path), 0, 0, false, false, {0}};
	const struct pf_unsaved_file *u = pf_unsaved_find(c->unsaved, c->nunsaved, path);
	if (u) {
		fh.hash = XXH3_64bits(u->contents, u->length);
		fh.size = (int64_t)u->length;
		fh.ok = true;
	} else {
		/* stat first: a change after it shows in a later stat */
		fh.has_stat = stat(path, &fh.st) == 0;
		fh.ok = pf_hash_file(path, &fh.hash, &fh.size);
	}
	pthread_mutex_lock(&c->lock);
	PF_VEC_PUSH(c->files, fh);
	pthread_mutex_unlock(&c->lock);
	*hash = fh.hash;
	*size = fh.size;
	return fh.ok;
}

bool pf_cache_file_info(struct pf_cache *c, const char *path, uint64_t *hash, int64_t *size,
                        struct stat *st)
{
	bool found = false;
	pthread_mutex_lock(&c->lock);
	for (size_t i = c->files.n; i-- > 0 && !found;) {
		const struct pf_filehash *fh = &c->files.v[i];
		if (strcmp(fh->path, path) != 0)
			continue;
		found = fh->ok && fh->has_stat;
		*hash = fh->hash;
		*size = fh->size;
		*st = fh->st;
		break;
	}
	pthread_mutex_unlock(&c->lock);
	return found;
}

int pf_cache_make_dirs(const char *dir)
{
	char *p = pf_xstrdup(dir);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	int rc = mkdir(p, 0777) != 0 && errno != EEXIST ? -1 : 0;
	free(p);
	return rc;
}

/* Writes dir/name with text unless it exists. A failure only means the
 * folder is not marked. */
static void pf_write_marker(const char *dir, const char *name, const char *text)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *path = pf_xmalloc(n);
	snprintf(path, n, "%s/%s", dir, name);
	struct stat st;
	if (lstat(path, &st) != 0) {
		FILE *f = fopen(path, "wx");
		if (f) {
			fputs(text, f);
			fclose(f);
		}
	}
	free(path);
}

/* The cache folder ignores itself, as pytest's and ruff's do: a .gitignore
 * of "*" keeps it out of `git status` (an in-source build with the cache in
 * BUILD_DIR = the work tree) and a CACHEDIR.TAG out of backups. Written in a
 * folder piiflow creates, and in its default folder BUILD_DIR/.piiflow-cache
 * made by an earlier version; never in a folder of the user's that already
 * existed. */
static void pf_mark_cache_dir(const char *dir)
{
	pf_write_marker(dir, ".gitignore",
	                "# created by piiflow: its cache is not to be committed\n*\n");
	pf_write_marker(dir, "CACHEDIR.TAG",
	                "Signature: 8a477f597d28d172789f06886806bc55\n"
	                "# This file is a cache directory tag created by piiflow.\n"
	                "# For information about cache directory tags, see:\n"
	                "#\thttps://bford.info/cachedir/\n");
}

struct pf_cache *pf_cache_open(const char *dir, struct pf_error *err)
{
	struct stat dst;
	const char *base = strrchr(dir, '/');
	bool mark = stat(dir, &dst) != 0 || strcmp(base ? base + 1 : dir, ".piiflow-cache") == 0;
	if (pf_cache_make_dirs(dir) != 0) {
		pf_error_begin(err, dir);
		pf_error_set(err, "cannot create cache folder: %s", strerror(errno));
		return NULL;
	}
	if (mark)
		pf_mark_cache_dir(dir);
	struct pf_cache *c = pf_xcalloc(1, sizeof(*c));
	c->dir = pf_xstrdup(dir);
	pthread_mutex_init(&c->lock, NULL);
	/* the environment: version and format (not the rules: the IR does not
	 * depend on them, they are matched when the program is linked) */
	XXH3_state_t *st = XXH3_createState();
	XXH3_128bits_reset(st);
	const char *ver = PF_VERSION ":" PF_CLANG_RESOURCE_DIR;
	XXH3_128bits_update(st, ver, strlen(ver) + 1);
	unsigned fmt = PF_IR_FORMAT_VERSION;
	XXH3_128bits_update(st, &fmt, sizeof(fmt));
	/* the binary itself: a piiflow built from other sources lowers
	 * differently, whatever its version says */
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		uint64_t h = 0;
		int64_t size = 0;
		if (pf_hash_file(exe, &h, &size))
			XXH3_128bits_update(st, &h, sizeof(h));
	}
	/* positions are kept relative to the working directory */
	char cwd[4096];
	if (getcwd(cwd, sizeof(cwd)))
		XXH3_128bits_update(st, cwd, strlen(cwd) + 1);
	c->env = XXH3_128bits_digest(st);
	XXH3_freeState(st);
	return c;
}

void pf_cache_close(struct pf_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->files.n; i++)
		free(c->files.v[i].path);
	PF_VEC_FREE(c->files);
	pthread_mutex_destroy(&c->lock);
	free(c->dir);
	free(c);
}

unsigned pf_cache_hits(const struct pf_cache *c)
{
	return c ? c->hits : 0;
}

/* The hash of a compile command, after env's when env is not NULL. */
static XXH128_hash_t pf_cmd_hash(const XXH128_hash_t *env, const struct pf_compile_command *cmd)
{
	XXH3_state_t *st = XXH3_createState();
	XXH3_128bits_reset(st);
	if (env)
		XXH3_128bits_update(st, env, sizeof(*env));
	XXH3_128bits_update(st, cmd->directory, strlen(cmd->directory) + 1);
	XXH3_128bits_update(st, cmd->file, strlen(cmd->file) + 1);
	for (size_t i = 0; i < cmd->argc; i++)
		XXH3_128bits_update(st, cmd->argv[i], strlen(cmd->argv[i]) + 1);
	XXH128_hash_t h = XXH3_128bits_digest(st);
	XXH3_freeState(st);
	return h;
}

static void pf_cmd_key(XXH128_hash_t env, const struct pf_compile_command *cmd, char *hex)
{
	XXH128_hash_t h = pf_cmd_hash(&env, cmd);
	snprintf(hex, 33, "%016llx%016llx", (unsigned long long)h.high64,
	         (unsigned long long)h.low64);
}

void pf_cache_command_key(const struct pf_compile_command *cmd, uint64_t key[2])
{
	XXH128_hash_t h = pf_cmd_hash(NULL, cmd);
	key[0] = h.high64;
	key[1] = h.low64;
}

static char *pf_entry_path(const char *dir, const char *hex, const char *ext)
{
	size_t n = strlen(dir) + strlen(hex) + strlen(ext) + 3;
	char *p = pf_xmalloc(n);
	snprintf(p, n, "%s/%s%s", dir, hex, ext);
	return p;
}

struct pf_ir_tu *pf_cache_load(struct pf_cache *c, const struct pf_compile_command *cmd)
{
	char hex[33];
	pf_cmd_key(c->env, cmd, hex);
	char *path = pf_entry_path(c->dir, hex, ".pfc");
	FILE *f = fopen(path, "rb");
	free(path);
	if (!f)
		return NULL;
	struct pf_ir_tu *tu = NULL;
	char magic[8];
	uint32_t n = 0;
	if (fread(magic, 1, 8, f) != 8 || memcmp(magic, pf_cache_magic, 8) != 0 ||
	    fread(&n, sizeof(n), 1, f) != 1 || n > 1000000)
		goto done;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t len = 0;
		uint64_t want = 0, have = 0;
		int64_t wsize = 0, hsize = 0;
		if (fread(&len, sizeof(len), 1, f) != 1 || len == 0 || len > 65536)
			goto done;
		char *p = pf_xmalloc(len + 1);
		bool ok = fread(p, 1, len, f) == len && fread(&want, sizeof(want), 1, f) == 1 &&
		          fread(&wsize, sizeof(wsize), 1, f) == 1;
		p[len] = '\0';
		ok =
		    ok && pf_cache_file_hash(c, p, &have, &hsize) && have == want && hsize == wsize;
		free(p);
		if (!ok)
			goto done;
	}
	tu = pf_ir_read(f);
	if (tu) {
		pthread_mutex_lock(&c->lock);
		c->hits++;
		pthread_mutex_unlock(&c->lock);
	}
done:
	fclose(f);
	return tu;
}

void pf_cache_store(struct pf_cache *c, const struct pf_compile_command *cmd,
                    const struct pf_ir_tu *tu)
{
	if (tu->fatal)
		return;
	char hex[33];
	pf_cmd_key(c->env, cmd, hex);
	char tmpext[64];
	snprintf(tmpext, sizeof(tmpext), ".tmp.%ld.%lx", (long)getpid(),
	         (unsigned long)pthread_self());
	char *tmp = pf_entry_path(c->dir, hex, tmpext);
	char *path = pf_entry_path(c->dir, hex, ".pfc");
	FILE *f = fopen(tmp, "wb");
	bool ok = f != NULL;
	if (ok) {
		uint32_t n = (uint32_t)tu->nincludes;
		ok = fwrite(pf_cache_magic, 1, 8, f) == 8 && fwrite(&n, sizeof(n), 1, f) == 1;
		for (size_t i = 0; ok && i < tu->nincludes; i++) {
			uint64_t h = 0;
			int64_t size = 0;
			uint32_t len = (uint32_t)strlen(tu->includes[i]);
			ok = pf_cache_file_hash(c, tu->includes[i], &h, &size) &&
			     fwrite(&len, sizeof(len), 1, f) == 1 &&
			     fwrite(tu->includes[i], 1, len, f) == len &&
			     fwrite(&h, sizeof(h), 1, f) == 1 &&
			     fwrite(&size, sizeof(size), 1, f) == 1;
		}
		ok = ok && pf_ir_write(f, tu) == 0;
		ok = (fclose(f) == 0) && ok;
	}
	if (ok)
		ok = rename(tmp, path) == 0;
	if (!ok)
		unlink(tmp);
	free(tmp);
	free(path);
}

int pf_ir_dir_emit(const char *dir, const struct pf_compile_command *cmd, const struct pf_ir_tu *tu,
                   struct pf_error *err)
{
	if (pf_cache_make_dirs(dir) != 0) {
		pf_error_begin(err, dir);
		pf_error_set(err, "cannot create folder: %s", strerror(errno));
		return -1;
	}
	XXH128_hash_t zero = {0, 0};
	char hex[33];
	pf_cmd_key(zero, cmd, hex);
	char *path = pf_entry_path(dir, hex, ".pfir");
	char *tmp = pf_entry_path(dir, hex, ".pfir.tmp");
	FILE *f = fopen(tmp, "wb");
	int rc = -1;
	if (f) {
		bool ok = pf_ir_write(f, tu) == 0;
		ok = (fclose(f) == 0) && ok;
		if (ok && rename(tmp, path) == 0)
			rc = 0;
	}
	if (rc != 0) {
		pf_error_begin(err, path);
		pf_error_set(err, "cannot write IR: %s", strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	free(path);
	return rc;
}
