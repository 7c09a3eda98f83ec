/*
 * Loading rules files: reading a file, handing the parsed document to the
 * checker, and adding its entries to a pf_rules only when the whole file is
 * good, so that a broken file never leaves half of itself behind. Also the
 * lifecycle of a pf_rules and the one-line form of a load error.
 */
#include "rules.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules_internal.h"
#include "util/arena.h"
#include "util/file.h"
#include "util/xalloc.h"

void pf_rules_init(struct pf_rules *r)
{
	memset(r, 0, sizeof(*r));
}

static void free_positions(struct pf_argpos *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

static void free_when(struct pf_rule_when *w)
{
	if (!w)
		return;
	free(w->arg.name);
	pf_free_strings(w->is, w->nis);
	free(w);
}

void pf_rules_free(struct pf_rules *r)
{
	for (size_t i = 0; i < r->nsources; i++) {
		struct pf_rule_source *s = &r->sources[i];
		free(s->name);
		free(s->record);
		free(s->field);
		free_positions(s->args, s->nargs);
		free_when(s->when);
		free(s->category);
		free(s->origin.json_path);
	}
	for (size_t i = 0; i < r->nsinks; i++) {
		struct pf_rule_sink *s = &r->sinks[i];
		free(s->function);
		if (s->function_regex)
			regfree(&s->regex);
		free(s->function_regex);
		free_positions(s->args, s->nargs);
		free_when(s->when);
		free(s->purpose);
		free(s->origin.json_path);
	}
	for (size_t i = 0; i < r->npropagators; i++) {
		struct pf_rule_propagator *g = &r->propagators[i];
		free(g->function);
		free_positions(g->from, g->nfrom);
		free_positions(g->to, g->nto);
		free_when(g->when);
		free(g->origin.json_path);
	}
	for (size_t i = 0; i < r->nanonymizers; i++) {
		free(r->anonymizers[i].function);
		free(r->anonymizers[i].origin.json_path);
	}
	for (size_t i = 0; i < r->nconsents; i++) {
		free(r->consents[i].function);
		free(r->consents[i].purpose);
		free(r->consents[i].origin.json_path);
	}
	for (size_t i = 0; i < r->nendpoints; i++) {
		free(r->endpoints[i].host);
		free(r->endpoints[i].purpose);
		free(r->endpoints[i].origin.json_path);
	}
	for (size_t i = 0; i < r->nfiles; i++) {
		free(r->files[i]);
		free(r->packs[i]);
	}
	free(r->sources);
	free(r->sinks);
	free(r->propagators);
	free(r->anonymizers);
	free(r->consents);
	free(r->endpoints);
	free(r->files);
	free(r->packs);
	pf_rules_init(r);
}

/* Appends m elements of size bytes to the n held by dst; returns the array. */
static void *append(void *dst, size_t n, const void *src, size_t m, size_t size)
{
	if (m == 0)
		return dst;
	dst = pf_xrealloc(dst, (n + m) * size);
	memcpy((char *)dst + n * size, src, m * size);
	return dst;
}

/* Moves every entry of from to the end of to and leaves from empty. Strings
 * stay where they are, so the origins' file and pack pointers stay valid. */
static void merge(struct pf_rules *to, struct pf_rules *from)
{
#define PF_MOVE(arr, n)                                                                            \
	do {                                                                                       \
		to->arr = append(to->arr, to->n, from->arr, from->n, sizeof(*to->arr));            \
		to->n += from->n;                                                                  \
		free(from->arr);                                                                   \
	} while (0)
	to->packs = append(to->packs, to->nfiles, from->packs, from->nfiles, sizeof(*to->packs));
	free(from->packs);
	PF_MOVE(files, nfiles);
	PF_MOVE(sources, nsources);
	PF_MOVE(sinks, nsinks);
	PF_MOVE(propagators, npropagators);
	PF_MOVE(anonymizers, nanonymizers);
	PF_MOVE(consents, nconsents);
	PF_MOVE(endpoints, nendpoints);
#undef PF_MOVE
	pf_rules_init(from);
}

int pf_rules_load_buffer(struct pf_rules *r, const char *path, const char *text, size_t len,
                         bool shipped, struct pf_error *err)
{
	struct pf_rules tmp;
	struct pf_error unused;
	json_t *root = NULL;
	int rc = -1;

	if (!err)
		err = &unused;
	pf_rules_init(&tmp);
	pf_error_begin(err, path);
	json_error_t jerr;
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		pf_error_at(err, jerr.line, jerr.column, "invalid JSON: %s", jerr.text);
		goto done;
	}
	tmp.files = pf_xcalloc(1, sizeof(*tmp.files));
	tmp.packs = pf_xcalloc(1, sizeof(*tmp.packs));
	tmp.files[0] = pf_xstrdup(path);
	tmp.nfiles = 1;
	if (pf_rules_parse_doc(&tmp, root, text, len, shipped, err) < 0)
		goto done;
	merge(r, &tmp);
	rc = 0;
done:
	json_decref(root);
	pf_rules_free(&tmp);
	return rc;
}

int pf_rules_load_file(struct pf_rules *r, const char *path, bool shipped, struct pf_error *err)
{
	struct pf_error unused;
	char *text = NULL;
	size_t len = 0;

	if (!err)
		err = &unused;
	if (pf_read_file(path, &text, &len) != 0) {
		pf_error_begin(err, path);
		pf_error_set(err, "cannot read rules file: %s", strerror(errno));
		return -1;
	}
	int rc = pf_rules_load_buffer(r, path, text, len, shipped, err);
	free(text);
	return rc;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_pack_name(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' && strncmp(name, "taxonomy", 8) != 0 && n > 5 &&
	       strcmp(name + n - 5, ".json") == 0;
}

/* All or nothing: the packs are loaded into a temporary and added together. */
int pf_rules_load_dir(struct pf_rules *r, const char *dir, struct pf_error *err)
{
	struct pf_error unused;
	if (!err)
		err = &unused;
	DIR *d = opendir(dir);
	if (!d) {
		pf_error_begin(err, dir);
		pf_error_set(err, "cannot read rules directory: %s", strerror(errno));
		return -1;
	}
	struct pf_arena arena = PF_ARENA_INIT;
	PF_VEC(char *) names = {0};
	struct dirent *de;
	while ((de = readdir(d)) != NULL)
		if (is_pack_name(de->d_name))
			PF_VEC_PUSH(names, pf_arena_strdup(&arena, de->d_name));
	closedir(d);
	if (names.n > 1)
		qsort(names.v, names.n, sizeof(*names.v), compare_names);

	struct pf_rules tmp;
	pf_rules_init(&tmp);
	size_t dlen = strlen(dir);
	const char *sep = dlen > 0 && dir[dlen - 1] == '/' ? "" : "/";
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < names.n; i++)
		rc = pf_rules_load_file(
		    &tmp, pf_arena_printf(&arena, "%s%s%s", dir, sep, names.v[i]), true, err);
	if (rc == 0)
		merge(r, &tmp);
	pf_rules_free(&tmp);
	PF_VEC_FREE(names);
	pf_arena_release(&arena);
	return rc;
}
