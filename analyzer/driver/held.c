/*
 * The units a language server holds in memory between analyses (held.h).
 * Each held unit keeps the list of files it read, as indexes into one table
 * of files with the stat and content hash the IR cache saw when it checked
 * the unit's entry; a file whose stat changes is stale, and every unit that
 * read it is dropped at once, so that the table never holds two versions of
 * one file.
 */
#include "driver/held.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <xxhash.h>

#include "driver/cache.h"
#include "driver/driver.h"
#include "engine/engine.h"
#include "policy/config.h"
#include "util/file.h"
#include "util/xalloc.h"

struct pf_held_file {
	char *path;
	uint64_t hash;
	int64_t size;
	struct stat st;
	bool stale; /* changed on disk: no held unit reads it */
};

struct pf_held_unit {
	uint64_t key[2]; /* pf_cache_command_key */
	struct pf_ir_tu *tu;
	size_t *files; /* indexes into h->files of what tu read */
	size_t nfiles;
};

struct pf_held {
	PF_VEC(struct pf_held_unit) units; /* those with tu == NULL are free slots */
	PF_VEC(struct pf_held_file) files;
	size_t *index; /* open addressing over files by path: index + 1, 0 empty */
	size_t index_cap;
	/* the compile database of the last pass */
	char *db_path;
	struct stat db_st;
	bool has_db_st;
	size_t total;
	/* the pass */
	struct pf_compdb db;
	struct pf_cache *cache;
	size_t next;
	bool loading;
};

struct pf_held *pf_held_new(void)
{
	struct pf_held *h = pf_xcalloc(1, sizeof(*h));
	pf_compdb_init(&h->db);
	return h;
}

static void pf_end_pass(struct pf_held *h)
{
	pf_cache_close(h->cache);
	h->cache = NULL;
	pf_compdb_free(&h->db);
	pf_compdb_init(&h->db);
	h->loading = false;
}

static void pf_unit_drop(struct pf_held_unit *u)
{
	if (u->tu)
		pf_ir_tu_free(u->tu);
	free(u->files);
	*u = (struct pf_held_unit){0};
}

static void pf_drop_all(struct pf_held *h)
{
	for (size_t i = 0; i < h->units.n; i++)
		pf_unit_drop(&h->units.v[i]);
	h->units.n = 0;
	for (size_t i = 0; i < h->files.n; i++)
		free(h->files.v[i].path);
	h->files.n = 0;
	free(h->index);
	h->index = NULL;
	h->index_cap = 0;
}

void pf_held_free(struct pf_held *h)
{
	if (!h)
		return;
	pf_end_pass(h);
	pf_drop_all(h);
	PF_VEC_FREE(h->units);
	PF_VEC_FREE(h->files);
	free(h->db_path);
	free(h);
}

static size_t pf_path_slot(const char *path, size_t cap)
{
	return (size_t)XXH3_64bits(path, strlen(path)) & (cap - 1);
}

/* The index of path in the table, or (size_t)-1. */
static size_t pf_file_find(const struct pf_held *h, const char *path)
{
	if (!h->index_cap)
		return (size_t)-1;
	for (size_t i = pf_path_slot(path, h->index_cap);; i = (i + 1) & (h->index_cap - 1)) {
		size_t k = h->index[i];
		if (!k)
			return (size_t)-1;
		if (strcmp(h->files.v[k - 1].path, path) == 0)
			return k - 1;
	}
}

static void pf_index_put(size_t *index, size_t cap, const char *path, size_t k)
{
	size_t i = pf_path_slot(path, cap);
	while (index[i])
		i = (i + 1) & (cap - 1);
	index[i] = k + 1;
}

static size_t pf_file_add(struct pf_held *h, const char *path)
{
	if ((h->files.n + 1) * 2 > h->index_cap) {
		size_t cap = h->index_cap ? h->index_cap * 2 : 1024;
		size_t *index = pf_xcalloc(cap, sizeof(*index));
		for (size_t k = 0; k < h->files.n; k++)
			pf_index_put(index, cap, h->files.v[k].path, k);
		free(h->index);
		h->index = index;
		h->index_cap = cap;
	}
	struct pf_held_file f = {.path = pf_xstrdup(path), .stale = true};
	PF_VEC_PUSH(h->files, f);
	pf_index_put(h->index, h->index_cap, path, h->files.n - 1);
	return h->files.n - 1;
}

/* Drops the units that read a stale file. */
static size_t pf_drop_stale(struct pf_held *h)
{
	size_t dropped = 0;
	for (size_t i = 0; i < h->units.n; i++) {
		struct pf_held_unit *u = &h->units.v[i];
		bool stale = false;
		for (size_t k = 0; u->tu && k < u->nfiles && !stale; k++)
			stale = h->files.v[u->files[k]].stale;
		if (stale) {
			pf_unit_drop(u);
			dropped++;
		}
	}
	return dropped;
}

static struct pf_held_unit *pf_unit_find(struct pf_held *h, const uint64_t key[2])
{
	for (size_t i = 0; i < h->units.n; i++)
		if (h->units.v[i].tu && h->units.v[i].key[0] == key[0] &&
		    h->units.v[i].key[1] == key[1])
			return &h->units.v[i];
	return NULL;
}

size_t pf_held_begin(struct pf_held *h, const struct pf_check_options *o)
{
	if (h->loading)
		return h->db.ncmds - h->next;
	struct pf_config cfg;
	if (pf_driver_load_config(o->config, o->no_config, &cfg) != 0)
		return 0;
	const char *build_dir = o->build_dir;
	if (!build_dir && !o->compiler_flags)
		build_dir = cfg.build_dir;
	size_t n = 0;
	char *db_path = build_dir ? pf_xasprintf("%s/compile_commands.json", build_dir) : NULL;
	struct stat st;
	/* stat before reading: a change after it shows in the next refresh */
	bool has_st = db_path && stat(db_path, &st) == 0;
	struct pf_error err;
	bool same_db = db_path && h->db_path && strcmp(db_path, h->db_path) == 0 && has_st &&
	               h->has_db_st && pf_same_stat(&st, &h->db_st);
	if (same_db && h->total && pf_held_count(h, NULL) == h->total) {
		free(db_path); /* every unit of the same database is held */
		goto done;
	}
	if (!same_db)
		pf_drop_all(h);
	free(h->db_path);
	h->db_path = db_path;
	h->has_db_st = has_st;
	if (has_st)
		h->db_st = st;
	if (!build_dir || pf_compdb_load(&h->db, build_dir, &err) != 0) {
		pf_compdb_init(&h->db);
		pf_drop_all(h);
		h->total = 0;
		goto done;
	}
	h->total = h->db.ncmds;
	h->cache = pf_driver_open_cache(o, &cfg, build_dir);
	if (!h->cache) {
		pf_end_pass(h);
		goto done;
	}
	/* units no longer in the database */
	bool *listed = pf_xcalloc(h->units.n + 1, sizeof(*listed));
	for (size_t i = 0; i < h->db.ncmds; i++) {
		uint64_t key[2];
		pf_cache_command_key(&h->db.cmds[i], key);
		struct pf_held_unit *u = pf_unit_find(h, key);
		if (u)
			listed[u - h->units.v] = true;
		else
			n++;
	}
	for (size_t i = 0; i < h->units.n; i++)
		if (h->units.v[i].tu && !listed[i])
			pf_unit_drop(&h->units.v[i]);
	free(listed);
	h->next = 0;
	h->loading = n > 0;
	if (!h->loading)
		pf_end_pass(h);
done:
	pf_config_free(&cfg);
	return n;
}

bool pf_held_loading(const struct pf_held *h)
{
	return h->loading;
}

/* Holds tu, which the pass's cache just read for key. False when a file
 * it read is not known to the cache, or changed since another unit read
 * it (then the units that read it are dropped too). */
static bool pf_hold(struct pf_held *h, const uint64_t key[2], struct pf_ir_tu *tu)
{
	size_t *files = pf_xcalloc(tu->nincludes + 1, sizeof(*files));
	bool ok = true;
	for (size_t i = 0; i < tu->nincludes && ok; i++) {
		uint64_t hash;
		int64_t size;
		struct stat st;
		ok = pf_cache_file_info(h->cache, tu->includes[i], &hash, &size, &st);
		if (!ok)
			break;
		size_t k = pf_file_find(h, tu->includes[i]);
		if (k == (size_t)-1)
			k = pf_file_add(h, tu->includes[i]);
		struct pf_held_file *f = &h->files.v[k];
		if (f->stale) {
			f->hash = hash;
			f->size = size;
			f->st = st;
			f->stale = false;
		} else if (f->hash != hash || f->size != size) {
			f->stale = true;
			pf_drop_stale(h);
			ok = false;
		}
		files[i] = k;
	}
	if (!ok) {
		free(files);
		return false;
	}
	struct pf_held_unit *slot = NULL;
	for (size_t i = 0; i < h->units.n && !slot; i++)
		if (!h->units.v[i].tu)
			slot = &h->units.v[i];
	if (!slot) {
		struct pf_held_unit empty = {0};
		PF_VEC_PUSH(h->units, empty);
		slot = &h->units.v[h->units.n - 1];
	}
	*slot = (struct pf_held_unit){{key[0], key[1]}, tu, files, tu->nincludes};
	pf_engine_link_facts(tu); /* each link then reads them, not the bodies */
	return true;
}

bool pf_held_step(struct pf_held *h)
{
	if (!h->loading)
		return false;
	while (h->next < h->db.ncmds) {
		const struct pf_compile_command *cmd = &h->db.cmds[h->next++];
		uint64_t key[2];
		pf_cache_command_key(cmd, key);
		if (pf_unit_find(h, key))
			continue;
		struct pf_ir_tu *tu = pf_cache_load(h->cache, cmd);
		if (tu && !pf_hold(h, key, tu))
			pf_ir_tu_free(tu);
		return true;
	}
	pf_end_pass(h);
	return false;
}

size_t pf_held_count(const struct pf_held *h, size_t *total)
{
	size_t n = 0;
	for (size_t i = 0; i < h->units.n; i++)
		n += h->units.v[i].tu != NULL;
	if (total)
		*total = h->total;
	return n;
}

size_t pf_held_refresh(struct pf_held *h)
{
	struct stat st;
	if (h->db_path && h->has_db_st &&
	    (stat(h->db_path, &st) != 0 || !pf_same_stat(&st, &h->db_st))) {
		size_t n = pf_held_count(h, NULL);
		pf_end_pass(h);
		pf_drop_all(h);
		h->has_db_st = false;
		return n;
	}
	bool any = false;
	for (size_t k = 0; k < h->files.n; k++) {
		struct pf_held_file *f = &h->files.v[k];
		if (!f->stale && (stat(f->path, &st) != 0 || !pf_same_stat(&st, &f->st))) {
			f->stale = true;
			any = true;
		}
	}
	if (!any)
		return 0;
	/* the pass's cache remembers the old contents: a new pass reads them */
	pf_end_pass(h);
	return pf_drop_stale(h);
}

size_t pf_held_forget(struct pf_held *h, const char *path)
{
	size_t k = pf_file_find(h, path);
	if (k == (size_t)-1) {
		char *real = realpath(path, NULL);
		k = real ? pf_file_find(h, real) : (size_t)-1;
		free(real);
	}
	if (k == (size_t)-1 || h->files.v[k].stale)
		return 0;
	h->files.v[k].stale = true;
	pf_end_pass(h);
	return pf_drop_stale(h);
}

struct pf_held_view {
	const struct pf_held *h;
	size_t *slots; /* open addressing over usable units by key: index + 1 */
	size_t cap;
};

static const char *pf_base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* Whether an unsaved buffer replaces f with other content. The buffers'
 * paths are resolved; f's is resolved only when a buffer has its name. */
static bool pf_file_replaced(const struct pf_held_file *f, const struct pf_unsaved_file *unsaved,
                             size_t nunsaved)
{
	const struct pf_unsaved_file *u = NULL;
	for (size_t i = 0; i < nunsaved && !u; i++)
		if (strcmp(unsaved[i].path, f->path) == 0)
			u = &unsaved[i];
	for (size_t i = 0; i < nunsaved && !u; i++)
		if (strcmp(pf_base_name(unsaved[i].path), pf_base_name(f->path)) == 0)
			u = pf_unsaved_find(unsaved, nunsaved, f->path);
	if (!u)
		return false;
	return (int64_t)u->length != f->size || XXH3_64bits(u->contents, u->length) != f->hash;
}

struct pf_held_view *pf_held_view_new(const struct pf_held *h,
                                      const struct pf_unsaved_file *unsaved, size_t nunsaved)
{
	struct pf_held_view *v = pf_xcalloc(1, sizeof(*v));
	v->h = h;
	bool *replaced = pf_xcalloc(h->files.n + 1, sizeof(*replaced));
	for (size_t k = 0; k < h->files.n; k++)
		replaced[k] =
		    !h->files.v[k].stale && pf_file_replaced(&h->files.v[k], unsaved, nunsaved);
	v->cap = 16;
	while (v->cap < h->units.n * 2)
		v->cap *= 2;
	v->slots = pf_xcalloc(v->cap, sizeof(*v->slots));
	for (size_t i = 0; i < h->units.n; i++) {
		const struct pf_held_unit *u = &h->units.v[i];
		bool usable = u->tu != NULL;
		for (size_t k = 0; usable && k < u->nfiles; k++)
			usable = !replaced[u->files[k]] && !h->files.v[u->files[k]].stale;
		if (!usable)
			continue;
		size_t s = (size_t)u->key[1] & (v->cap - 1);
		while (v->slots[s])
			s = (s + 1) & (v->cap - 1);
		v->slots[s] = i + 1;
	}
	free(replaced);
	return v;
}

struct pf_ir_tu *pf_held_view_find(const struct pf_held_view *v,
                                   const struct pf_compile_command *cmd)
{
	uint64_t key[2];
	pf_cache_command_key(cmd, key);
	for (size_t s = (size_t)key[1] & (v->cap - 1);; s = (s + 1) & (v->cap - 1)) {
		if (!v->slots[s])
			return NULL;
		const struct pf_held_unit *u = &v->h->units.v[v->slots[s] - 1];
		if (u->key[0] == key[0] && u->key[1] == key[1])
			return u->tu;
	}
}

void pf_held_view_free(struct pf_held_view *v)
{
	if (!v)
		return;
	free(v->slots);
	free(v);
}
