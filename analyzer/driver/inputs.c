/*
 * The inputs of checks kept between them (inputs.h). Every file a load
 * read, or looked for and did not find, is stamped with its stat; a
 * refresh stats them all again (a few hundred stats, against tens of
 * milliseconds of JSON) and reads everything again when one differs. The
 * config is looked up again each time, so that a .piiflow.json created
 * nearer the working directory is seen.
 */
#include "driver/inputs.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "driver/driver.h"
#include "util/file.h"
#include "util/xalloc.h"

struct pf_stamp {
	char *path;
	bool exists;
	struct stat st;
};

struct pf_inputs_stamps {
	PF_VEC(struct pf_stamp) v;
	char *what; /* the options the inputs were read for */
};

struct pf_check_inputs *pf_check_inputs_new(void)
{
	struct pf_check_inputs *in = pf_xcalloc(1, sizeof(*in));
	in->stamps = pf_xcalloc(1, sizeof(*in->stamps));
	in->suppressions = pf_suppress_cache_new();
	pf_config_init(&in->cfg);
	pf_rules_init(&in->rules);
	pf_taxonomy_init(&in->tax);
	pf_compdb_init(&in->db);
	return in;
}

static void pf_inputs_clear(struct pf_check_inputs *in)
{
	pf_config_free(&in->cfg);
	pf_rules_free(&in->rules);
	pf_taxonomy_free(&in->tax);
	pf_compdb_free(&in->db);
	pf_config_init(&in->cfg);
	pf_rules_init(&in->rules);
	pf_taxonomy_init(&in->tax);
	pf_compdb_init(&in->db);
	free(in->build_dir);
	in->build_dir = NULL;
	in->has_db = false;
	in->loaded = false;
	for (size_t i = 0; i < in->stamps->v.n; i++)
		free(in->stamps->v.v[i].path);
	in->stamps->v.n = 0;
	free(in->stamps->what);
	in->stamps->what = NULL;
}

void pf_check_inputs_free(struct pf_check_inputs *in)
{
	if (!in)
		return;
	pf_inputs_clear(in);
	PF_VEC_FREE(in->stamps->v);
	free(in->stamps);
	pf_suppress_cache_free(in->suppressions);
	free(in);
}

static void pf_stamp(struct pf_check_inputs *in, const char *path)
{
	struct pf_stamp s = {.path = pf_xstrdup(path)};
	s.exists = stat(path, &s.st) == 0;
	PF_VEC_PUSH(in->stamps->v, s);
}

static bool pf_stamps_hold(const struct pf_check_inputs *in)
{
	for (size_t i = 0; i < in->stamps->v.n; i++) {
		const struct pf_stamp *s = &in->stamps->v.v[i];
		struct stat st;
		bool exists = stat(s->path, &st) == 0;
		if (exists != s->exists || (exists && !pf_same_stat(&st, &s->st)))
			return false;
	}
	return true;
}

/* The options that name the files read, and the config a lookup finds
 * now: inputs read for other ones are read again. */
static char *pf_what(const struct pf_check_options *o)
{
	char *found = o->config || o->no_config ? NULL : pf_config_find(NULL);
	size_t n = 256 + (o->build_dir ? strlen(o->build_dir) : 0) +
	           (o->config ? strlen(o->config) : 0) + (found ? strlen(found) : 0);
	for (size_t i = 0; i < o->nrules; i++)
		n += strlen(o->rules_files[i]) + 1;
	char *w = pf_xmalloc(n);
	int k = snprintf(w, n, "%s|%s|%d|%d|%d|%s|", o->build_dir ? o->build_dir : "",
	                 o->config ? o->config : "", o->no_config, o->no_default_rules,
	                 o->compiler_flags != NULL, found ? found : "");
	for (size_t i = 0; i < o->nrules; i++)
		k += snprintf(w + k, n - (size_t)k, "%s|", o->rules_files[i]);
	free(found);
	return w;
}

/* Stamps the shipped rules folder and every file in it: a pack added,
 * removed or changed is a change. */
static void pf_stamp_dir(struct pf_check_inputs *in, const char *dir)
{
	pf_stamp(in, dir);
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		char *p = pf_xasprintf("%s/%s", dir, de->d_name);
		pf_stamp(in, p);
		free(p);
	}
	closedir(d);
}

/* Reads everything as pf_driver_check does, stamping first: a change
 * while reading shows at the next refresh. */
static void pf_inputs_load(struct pf_check_inputs *in, const struct pf_check_options *o)
{
	pf_stamp_dir(in, pf_driver_rules_dir());
	if (o->config)
		pf_stamp(in, o->config);
	char *found = o->config || o->no_config ? NULL : pf_config_find(NULL);
	if (found)
		pf_stamp(in, found);
	free(found);
	for (size_t i = 0; i < o->nrules; i++)
		pf_stamp(in, o->rules_files[i]);
	if (pf_driver_load_config(o->config, o->no_config, &in->cfg) != 0)
		return;
	for (size_t i = 0; i < in->cfg.nrules; i++)
		pf_stamp(in, in->cfg.rules[i]);
	if (pf_driver_load_rules(&in->rules, o->no_default_rules, &in->cfg, o->rules_files,
	                         o->nrules) != 0 ||
	    pf_driver_load_taxonomy(&in->tax) != 0)
		return;
	const char *build_dir = o->build_dir;
	if (!build_dir && !o->compiler_flags)
		build_dir = in->cfg.build_dir;
	if (build_dir) {
		char *db_path = pf_xasprintf("%s/compile_commands.json", build_dir);
		pf_stamp(in, db_path);
		free(db_path);
		struct pf_error err;
		if (pf_compdb_load(&in->db, build_dir, &err) != 0) {
			pf_error_print(&err, NULL);
			return;
		}
		/* the database leaves out the entries whose file is missing */
		for (size_t i = 0; i < in->db.ncmds; i++)
			pf_stamp(in, in->db.cmds[i].file);
		for (size_t i = 0; i < in->db.nmissing; i++)
			pf_stamp(in, in->db.missing[i].file);
		in->build_dir = pf_xstrdup(build_dir);
		in->has_db = true;
	}
	in->loaded = true;
}

bool pf_check_inputs_refresh(struct pf_check_inputs *in, const struct pf_check_options *o)
{
	char *what = pf_what(o);
	bool same = in->stamps->what && strcmp(what, in->stamps->what) == 0;
	if (same && pf_stamps_hold(in)) {
		free(what);
		return false;
	}
	pf_inputs_clear(in);
	in->stamps->what = what;
	pf_inputs_load(in, o);
	return true;
}

void pf_check_inputs_scan(struct pf_check_inputs *in)
{
	if (!in->loaded || !in->has_db)
		return;
	char **files = pf_xcalloc(in->db.ncmds + 1, sizeof(*files));
	for (size_t i = 0; i < in->db.ncmds; i++)
		files[i] = in->db.cmds[i].display;
	pf_suppress_cache_update(in->suppressions, files, in->db.ncmds);
	free(files);
}
