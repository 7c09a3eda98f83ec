/*
 * One `piiflow check`, stage by stage. Input errors (a bad config, rules
 * file, baseline or compile database) stop the run before anything is
 * analyzed and exit 2 with a message that names the file; translation units
 * are parsed and lowered by a pool of -j workers, each with its own libclang
 * index, and then analyzed together as one program. The policy then turns
 * flows into verdicts in a fixed order: path filter, severities and excludes,
 * suppression comments, baseline.
 */
#include "driver/driver.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <limits.h>

#include "compdb/compdb.h"
#include "discover/discover.h"
#include "driver/cache.h"
#include "driver/git.h"
#include "driver/held.h"
#include "driver/inputs.h"
#include "driver/units.h"
#include "engine/engine.h"
#include "findings/map.h"
#include "lower/lower.h"
#include "policy/config.h"
#include "policy/policy.h"
#include "report/report.h"
#include "rules/rules.h"
#include "taxonomy/taxonomy.h"
#include "util/path.h"
#include "util/timing.h"
#include "util/suggest.h"
#include "util/xalloc.h"

struct pf_pool {
	const struct pf_compdb *db;
	const struct pf_lower_options *lopts;
	struct pf_cache *cache;          /* or NULL */
	const struct pf_held_view *held; /* or NULL */
	struct pf_ir_tu **tus;
	bool *borrowed; /* tus[i] is a held unit: not the check's to free */
	atomic_size_t next;
	atomic_size_t done;
	bool progress;
};

static void *pf_worker(void *arg)
{
	struct pf_pool *pool = arg;
	for (;;) {
		size_t i = atomic_fetch_add(&pool->next, 1);
		if (i >= pool->db->ncmds)
			break;
		const struct pf_compile_command *cmd = &pool->db->cmds[i];
		struct pf_ir_tu *tu = pool->held ? pf_held_view_find(pool->held, cmd) : NULL;
		pool->borrowed[i] = tu != NULL;
		if (!tu && pool->cache)
			tu = pf_cache_load(pool->cache, cmd);
		if (!tu) {
			tu = pf_lower_tu(cmd, pool->lopts);
			if (pool->cache)
				pf_cache_store(pool->cache, cmd, tu);
		}
		pool->tus[i] = tu;
		size_t d = atomic_fetch_add(&pool->done, 1) + 1;
		if (pool->progress)
			fprintf(stderr, "\rpiiflow: parsed %zu of %zu translation units", d,
			        pool->db->ncmds);
	}
	return NULL;
}

int pf_driver_load_config(const char *path, bool none, struct pf_config *cfg)
{
	pf_config_init(cfg);
	if (none)
		return 0;
	char *found = path ? NULL : pf_config_find(NULL);
	if (!path && !found)
		return 0;
	struct pf_error err;
	struct pf_taxonomy uses;
	pf_taxonomy_init(&uses);
	char upath[4096];
	snprintf(upath, sizeof(upath), "%s/data_uses.csv", pf_driver_rules_dir());
	if (pf_taxonomy_load(&uses, upath, &err) != 0) {
		pf_error_print(&err, NULL);
		free(found);
		return -1;
	}
	int rc = pf_config_load_checked(cfg, path ? path : found, &uses, &err);
	pf_taxonomy_free(&uses);
	if (rc != 0) {
		pf_error_print(&err, "error");
	}
	free(found);
	return rc;
}

static int pf_load_rules_file(struct pf_rules *rules, const char *file)
{
	struct pf_error err;
	if (pf_rules_load_file(rules, file, false, &err) == 0)
		return 0;
	pf_error_print(&err, "error");
	return -1;
}

int pf_driver_load_rules(struct pf_rules *rules, bool no_default, const struct pf_config *cfg,
                         char **extra, size_t nextra)
{
	struct pf_error err;
	if (!no_default && pf_rules_load_dir(rules, pf_driver_rules_dir(), &err) != 0) {
		pf_error_print(&err, "error");
		return -1;
	}
	for (size_t i = 0; i < cfg->nrules; i++)
		if (pf_load_rules_file(rules, cfg->rules[i]) != 0)
			return -1;
	for (size_t i = 0; i < nextra; i++)
		if (pf_load_rules_file(rules, extra[i]) != 0)
			return -1;
	return 0;
}

int pf_driver_load_taxonomy(struct pf_taxonomy *tax)
{
	char path[4096];
	struct pf_error err;
	snprintf(path, sizeof(path), "%s/taxonomy.csv", pf_driver_rules_dir());
	if (pf_taxonomy_load(tax, path, &err) != 0) {
		pf_error_print(&err, NULL);
		return -1;
	}
	return 0;
}

static bool pf_under(const char *file, char **paths, size_t npaths)
{
	if (!file || !*file)
		return false;
	char *abs = pf_path_absolute(NULL, file);
	bool hit = false;
	for (size_t i = 0; i < npaths && !hit; i++) {
		char *p = pf_path_absolute(NULL, paths[i]);
		size_t n = strlen(p);
		hit = strncmp(abs, p, n) == 0 &&
		      (abs[n] == '\0' || abs[n] == '/' || (n > 0 && p[n - 1] == '/'));
		free(p);
	}
	free(abs);
	return hit;
}

static bool pf_finding_under(const struct pf_finding *f, char **paths, size_t npaths)
{
	bool keep =
	    pf_under(f->sink.file, paths, npaths) || pf_under(f->source.file, paths, npaths);
	for (size_t k = 0; k < f->nsources && !keep; k++) {
		const struct pf_finding_source *s = &f->sources[k];
		keep = pf_under(s->pos.file, paths, npaths);
		for (size_t t = 0; t < s->ntrace && !keep; t++)
			keep = pf_under(s->trace[t].pos.file, paths, npaths);
	}
	return keep;
}

/* With -p and PATHs: keep findings whose source, sink or a trace step lies
 * under one of the paths (what a pre-commit hook passes), and diagnostics
 * about files under them. With findings false, only diagnostics are
 * filtered (those the suppression pass adds). */
static void pf_filter_paths(struct pf_report *r, char **paths, size_t npaths, bool findings)
{
	struct pf_report kept;
	pf_report_init(&kept);
	for (size_t i = 0; i < r->nfindings; i++)
		if (!findings || pf_finding_under(&r->findings[i], paths, npaths))
			pf_report_add_finding(&kept, &r->findings[i]);
	for (size_t i = 0; i < r->naccepted; i++)
		if (!findings || pf_finding_under(&r->accepted[i], paths, npaths))
			pf_report_add_finding(&kept, &r->accepted[i]);
	for (size_t i = 0; i < r->ndiagnostics; i++) {
		struct pf_diagnostic *d = &r->diagnostics[i];
		if (pf_under(d->pos.file, paths, npaths))
			pf_report_add_diagnostic(&kept, d->rule, d->severity, d->pos.file,
			                         d->pos.line, d->pos.column, d->message);
	}
	kept.summary = r->summary;
	pf_report_move_decls(&kept, r);
	pf_report_free(r);
	*r = kept;
}

/* The suppression comments of every file with a sink of a finding and of
 * every translation unit's main file (under the paths, when filtering). */
static void pf_suppress(struct pf_report *r, const struct pf_compdb *db,
                        const struct pf_config *cfg, char **paths, size_t npaths,
                        const struct pf_unsaved_file *unsaved, size_t nunsaved,
                        const struct pf_suppress_cache *cache)
{
	size_t n = 0;
	char **files = pf_xcalloc(r->nfindings + r->naccepted + db->ncmds + 1, sizeof(*files));
	for (size_t i = 0; i < r->nfindings; i++)
		files[n++] = r->findings[i].sink.file;
	for (size_t i = 0; i < r->naccepted; i++)
		files[n++] = r->accepted[i].sink.file;
	for (size_t i = 0; i < db->ncmds; i++)
		if ((!npaths || pf_under(db->cmds[i].display, paths, npaths)) &&
		    !pf_config_excluded(cfg, db->cmds[i].display))
			files[n++] = db->cmds[i].display;
	pf_suppress_apply_cached(r, files, n, unsaved, nunsaved, cache);
	free(files);
	/* A suppression in a sink file outside the paths is not this commit's. */
	if (npaths)
		pf_filter_paths(r, paths, npaths, false);
}

/* Writes what write() prints to -o (atomically for a regular file) or to
 * stdout; arg is write's. Returns 0, or -1 after saying why. */
static int pf_write_output(const struct pf_check_options *o,
                           int (*write)(FILE *, const struct pf_check_options *, const void *),
                           const void *arg)
{
	FILE *out = stdout;
	char tmp[PATH_MAX + 64] = "";
	char target[PATH_MAX];
	const char *dest = o->output;
	bool direct = false;
	if (o->output) {
		/* a regular file is replaced atomically (through a symbolic link, its
		 * target); a FIFO or a device is written through */
		struct stat st;
		if (stat(o->output, &st) == 0 && !S_ISREG(st.st_mode))
			direct = true;
		else if (lstat(o->output, &st) == 0 && S_ISLNK(st.st_mode) &&
		         realpath(o->output, target))
			dest = target;
	}
	if (o->output && direct) {
		out = fopen(o->output, "w");
		if (!out) {
			fprintf(stderr, "piiflow: %s: cannot write report: %s\n", o->output,
			        strerror(errno));
			return -1;
		}
	} else if (o->output) {
		snprintf(tmp, sizeof(tmp), "%s.piiflow-tmp.%ld", dest, (long)getpid());
		out = fopen(tmp, "w");
		if (!out) {
			fprintf(stderr, "piiflow: %s: cannot write report: %s\n", o->output,
			        strerror(errno));
			return -1;
		}
	}
	int rc = write(out, o, arg);
	if (fflush(out) != 0)
		rc = -1;
	if (o->output && direct) {
		if (fclose(out) != 0)
			rc = -1;
		if (rc != 0)
			fprintf(stderr, "piiflow: %s: cannot write report: %s\n", o->output,
			        strerror(errno ? errno : EIO));
	} else if (o->output) {
		int saved = errno;
		if (fclose(out) != 0)
			rc = -1;
		if (rc == 0 && rename(tmp, dest) != 0)
			rc = -1;
		if (rc != 0) {
			fprintf(stderr, "piiflow: %s: cannot write report: %s\n", o->output,
			        strerror(errno ? errno : saved));
			unlink(tmp);
		}
	} else if (rc != 0) {
		fprintf(stderr, "piiflow: cannot write the report to standard output: %s\n",
		        strerror(errno ? errno : EIO));
	}
	return rc;
}

/* The diagnostics of tu into the report. Flags dropped are not about the
 * code (pf_note_dropped_flags prints them); a parse error, which only gets
 * here when allowed, is a warning. */
static void pf_add_tu_diags(struct pf_report *r, struct pf_ir_tu *tu)
{
	for (size_t i = 0; i < tu->ndiags; i++) {
		struct pf_ir_diag *d = &tu->diags[i];
		if (strcmp(d->rule, "dropped-flag") == 0)
			continue;
		char buf[1024];
		const char *msg = d->message;
		if (strcmp(d->rule, "parse-error") == 0 && !tu->fatal) {
			snprintf(buf, sizeof(buf), "%s, analyzed as far as clang recovered", msg);
			msg = buf;
		}
		pf_report_add_diagnostic(r, d->rule, d->is_error ? PF_SEV_ERROR : PF_SEV_WARNING,
		                         d->pos.file, d->pos.line, d->pos.column, msg);
	}
}

/* One note per compiler flag that clang did not know and that was left
 * out, as clangd drops them, with the number of units that had it. */
static void pf_note_dropped_flags(const struct pf_check_options *o, struct pf_ir_tu **tus,
                                  size_t ntus)
{
	const char **flags = NULL;
	size_t *count = NULL, n = 0;
	for (size_t t = 0; t < ntus; t++)
		for (size_t i = 0; i < tus[t]->ndiags; i++) {
			const struct pf_ir_diag *d = &tus[t]->diags[i];
			if (strcmp(d->rule, "dropped-flag") != 0)
				continue;
			size_t k = 0;
			while (k < n && strcmp(flags[k], d->message) != 0)
				k++;
			if (k == n) {
				flags = pf_xrealloc(flags, (n + 1) * sizeof(*flags));
				count = pf_xrealloc(count, (n + 1) * sizeof(*count));
				flags[n] = d->message;
				count[n++] = 0;
			}
			count[k]++;
		}
	for (size_t k = 0; k < n && !o->quiet; k++)
		fprintf(stderr,
		        "piiflow: note: compiler flag '%s' is not known to clang: left out "
		        "(%zu translation unit%s)\n",
		        flags[k], count[k], count[k] == 1 ? "" : "s");
	free(flags);
	free(count);
}

/* The parse-error diagnostic of tu, or NULL. */
static const struct pf_ir_diag *pf_parse_error(const struct pf_ir_tu *tu)
{
	for (size_t i = 0; i < tu->ndiags; i++)
		if (strcmp(tu->diags[i].rule, "parse-error") == 0)
			return &tu->diags[i];
	return NULL;
}

/* Units with compile errors stop the run unless allowed: what clang could
 * not see (a header not found) may hide a flow, and a run that reports
 * nothing then reads as "no personal data flows". Names each unit and its
 * first error, then where to look. Returns false when the run stops. */
static bool pf_check_parse_errors(const struct pf_check_options *o, const struct pf_config *cfg,
                                  const char *build_dir, struct pf_ir_tu **tus, size_t ntus)
{
	bool allow = o->allow_parse_errors || cfg->allow_parse_errors;
	if (allow)
		return true;
	size_t bad = 0;
	for (size_t t = 0; t < ntus; t++) {
		const struct pf_ir_diag *d = pf_parse_error(tus[t]);
		/* an excluded unit is followed, not policed: its warning is hidden */
		if (!d || tus[t]->fatal || pf_config_excluded(cfg, tus[t]->file))
			continue;
		if (bad++ < 10)
			fprintf(stderr, "piiflow: %s: cannot be parsed completely: %s:%u:%u: %s\n",
			        tus[t]->file, d->pos.file, d->pos.line, d->pos.column, d->message);
	}
	if (!bad)
		return true;
	if (bad > 10)
		fprintf(stderr, "piiflow: ... and %zu more translation units with compile errors\n",
		        bad - 10);
	if (build_dir)
		fprintf(stderr,
		        "piiflow: hint: clang runs each command of %s/compile_commands.json in the "
		        "entry's \"directory\"; check the include paths (-I) there, or regenerate "
		        "the database on this machine (one made elsewhere names paths that do not "
		        "exist here)\n",
		        build_dir);
	else if (!o->from_ir)
		fprintf(stderr, "piiflow: hint: give the include paths and macros after '--' "
		                "(piiflow check FILE... -- -Iinclude -DNAME), or use -p BUILD_DIR "
		                "with a compile_commands.json\n");
	fprintf(stderr, "piiflow: hint: --allow-parse-errors (or \"allow_parse_errors\": true in "
	                ".piiflow.json) analyzes such units as far as clang recovers, with a "
	                "warning\n");
	return false;
}

/* Parses and lowers every translation unit of db into tus[], -j at a time,
 * taking those held (held, or NULL) as they are: borrowed[i] says which.
 * Returns false, after naming them, when one could not be parsed at all. */
static bool pf_parse_all(const struct pf_check_options *o, const struct pf_compdb *db,
                         const struct pf_lower_options *lopts, struct pf_cache *cache,
                         const struct pf_held_view *held, struct pf_ir_tu **tus, bool *borrowed,
                         struct pf_report *report)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	size_t jobs = o->jobs > 0 ? (size_t)o->jobs : (ncpu > 0 ? (size_t)ncpu : 1);
	if (jobs > db->ncmds)
		jobs = db->ncmds ? db->ncmds : 1;
	struct pf_pool pool = {.db = db,
	                       .lopts = lopts,
	                       .cache = cache,
	                       .held = held,
	                       .tus = tus,
	                       .borrowed = borrowed};
	pool.progress = !o->quiet && isatty(2) && db->ncmds > 1;
	/* Workers get a large stack: deeply nested code (10,000 else-if arms,
	 * generated expressions) recurses deeply in libclang's visitor and in
	 * the lowering. Only the pages used are ever touched. */
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, (size_t)512 << 20);
	pthread_t *threads = pf_xcalloc(jobs, sizeof(*threads));
	size_t started = 0;
	for (size_t i = 0; i < jobs; i++)
		if (pthread_create(&threads[started], &attr, pf_worker, &pool) == 0)
			started++;
	pthread_attr_destroy(&attr);
	if (started == 0)
		pf_worker(&pool); /* no thread could be made: parse here */
	for (size_t i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	free(threads);
	if (pool.progress)
		fprintf(stderr, "\r\033[K");

	bool ok = true;
	for (size_t i = 0; i < db->ncmds; i++) {
		if (tus[i]->fatal) {
			ok = false;
			const struct pf_ir_diag *d = pf_parse_error(tus[i]);
			fprintf(stderr, "piiflow: %s: cannot be parsed: %s\n", db->cmds[i].display,
			        d ? d->message : "unknown error");
		}
		pf_add_tu_diags(report, tus[i]);
	}
	if (o->explain && cache)
		fprintf(stderr, "IR cache: %u of %zu translation units re-used\n",
		        pf_cache_hits(cache), db->ncmds);
	if (o->explain && held) {
		size_t n = 0;
		for (size_t i = 0; i < db->ncmds; i++)
			n += borrowed[i];
		fprintf(stderr, "held in memory: %zu of %zu translation units\n", n, db->ncmds);
	}
	return ok;
}

static void pf_add_purpose(const char ***v, size_t *n, const char *p)
{
	if (!p || !*p)
		return;
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i], p) == 0)
			return;
	*v = pf_xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = p;
}

/* The config's policy names only purposes something in this run uses (the
 * three standard ones, the rules', the annotations') and categories of the
 * taxonomy: a typo there would silently drop findings. */
static int pf_check_policy_names(const struct pf_config *cfg, const struct pf_taxonomy *tax,
                                 const struct pf_rules *r, struct pf_ir_tu **tus, size_t ntus)
{
	const char **v = NULL;
	size_t n = 0;
	pf_add_purpose(&v, &n, "advertising");
	pf_add_purpose(&v, &n, "marketing");
	pf_add_purpose(&v, &n, "analytics");
	for (size_t i = 0; i < r->nsinks; i++)
		pf_add_purpose(&v, &n, r->sinks[i].purpose);
	for (size_t i = 0; i < r->nconsents; i++)
		pf_add_purpose(&v, &n, r->consents[i].purpose);
	for (size_t i = 0; i < r->nendpoints; i++)
		pf_add_purpose(&v, &n, r->endpoints[i].purpose);
	for (size_t t = 0; t < ntus; t++)
		for (size_t i = 0; i < tus[t]->nfdecls; i++) {
			const struct pf_ir_fdecl *d = tus[t]->fdecls[i];
			pf_add_purpose(&v, &n, d->sink_purpose);
			pf_add_purpose(&v, &n, d->consent_purpose);
			for (int j = 0; d->param_sink && j < d->nparams; j++)
				pf_add_purpose(&v, &n, d->param_sink[j]);
		}
	struct pf_error err;
	int rc = pf_config_check_policy(cfg, tax, v, n, &err);
	if (rc != 0) {
		pf_error_print(&err, "error");
	}
	free(v);
	return rc;
}

/* Adds path and each of its parent folders (display paths under the
 * working directory only) to the suggestions. */
static void pf_add_candidates(const char ***v, size_t *n, char *path)
{
	if (!path || path[0] == '/' || !path[0])
		return;
	for (char *end = path + strlen(path); end > path;) {
		bool seen = false;
		for (size_t i = 0; i < *n && !seen; i++)
			seen = strlen((*v)[i]) == (size_t)(end - path) &&
			       strncmp((*v)[i], path, (size_t)(end - path)) == 0;
		if (seen)
			break;
		char *c = pf_xmalloc((size_t)(end - path) + 1);
		memcpy(c, path, (size_t)(end - path));
		c[end - path] = '\0';
		*v = pf_xrealloc(*v, (*n + 1) * sizeof(**v));
		(*v)[(*n)++] = c;
		while (end > path && *--end != '/')
			;
	}
}

/* The file or folder of the program nearest to a path that does not exist:
 * the files of the units and what they include, and their folders. */
static const char *pf_suggest_path(const char *path, const char *const *cands, size_t n)
{
	char want[4096];
	snprintf(want, sizeof(want), "%s", path);
	for (size_t k = strlen(want); k > 1 && want[k - 1] == '/'; k--)
		want[k - 1] = '\0';
	const char *best = NULL;
	size_t best_d = (size_t)-1, len = strlen(want);
	for (size_t i = 0; i < n; i++) {
		size_t d = pf_edit_distance(want, cands[i]);
		if (d < best_d && d <= (len < 6 ? 1 : len / 4 + 1)) {
			best = cands[i];
			best_d = d;
		}
	}
	return best;
}

/* With -p, each PATH must exist and be read by some unit (its main file or
 * a header it includes): a typo ("scr/") would otherwise filter the whole
 * report away and the run would pass without a word. units may be NULL to
 * check only that the paths exist (before parsing). Returns 0 or -1. */
static int pf_check_filter_paths(char **paths, size_t npaths, const struct pf_compdb *db,
                                 struct pf_ir_tu **tus, size_t ntus)
{
	const char **cands = NULL;
	size_t ncands = 0;
	int rc = 0;
	for (size_t i = 0; i < npaths && rc == 0; i++) {
		struct stat st;
		if (stat(paths[i], &st) == 0) {
			if (!tus)
				continue;
			bool read = false;
			for (size_t t = 0; t < ntus && !read; t++)
				for (size_t k = 0; k < tus[t]->nincludes && !read; k++)
					read = pf_under(tus[t]->includes[k], &paths[i], 1);
			for (size_t t = 0; t < ntus && !read; t++)
				read = pf_under(tus[t]->file, &paths[i], 1);
			if (!read) {
				fprintf(stderr,
				        "piiflow: %s: no translation unit of the compile database "
				        "reads "
				        "it (neither a file compiled nor a header included), so no "
				        "finding can lie there\n",
				        paths[i]);
				rc = -1;
			}
			continue;
		}
		if (!cands) {
			for (size_t c = 0; c < db->ncmds; c++)
				pf_add_candidates(&cands, &ncands, db->cmds[c].display);
			for (size_t t = 0; t < ntus; t++)
				for (size_t k = 0; k < tus[t]->nincludes; k++) {
					char *d = pf_path_display(tus[t]->includes[k]);
					pf_add_candidates(&cands, &ncands, d);
					free(d);
				}
		}
		const char *near = pf_suggest_path(paths[i], cands, ncands);
		if (near)
			fprintf(stderr,
			        "piiflow: %s: no such file or directory (did you mean '%s'?)\n",
			        paths[i], near);
		else
			fprintf(stderr, "piiflow: %s: no such file or directory\n", paths[i]);
		rc = -1;
	}
	for (size_t i = 0; i < ncands; i++)
		free((char *)cands[i]);
	free(cands);
	return rc;
}

/* Stale entries of the compile database: a warning each (ten at most), in
 * every run. */
static void pf_warn_missing(const struct pf_compdb *db, const char *build_dir)
{
	for (size_t i = 0; i < db->nmissing && i < 10; i++)
		fprintf(stderr,
		        "piiflow: warning: %s: listed in %s/compile_commands.json but no "
		        "longer exists; skipped (re-run the build's configure step to refresh "
		        "the database)\n",
		        db->missing[i].display, build_dir);
	if (db->nmissing > 10)
		fprintf(stderr,
		        "piiflow: warning: ... and %zu more entries whose file does not "
		        "exist; regenerate the compile database\n",
		        db->nmissing - 10);
}

/* The compile database: -p, else the config's build_dir unless the command
 * line names files with "--", else the files given. */
static int pf_load_input(const struct pf_check_options *o, const struct pf_config *cfg,
                         struct pf_compdb *db, const char **build_dir)
{
	struct pf_error err;
	*build_dir = o->build_dir;
	if (!*build_dir && !o->compiler_flags)
		*build_dir = cfg->build_dir;
	if (*build_dir) {
		if (pf_compdb_load(db, *build_dir, &err) != 0) {
			pf_error_print(&err, NULL);
			return -1;
		}
		pf_warn_missing(db, *build_dir);
	} else if (o->npaths) {
		if (pf_compdb_from_files(db, o->paths, o->npaths, o->compiler_flags, o->nflags,
		                         &err) != 0) {
			pf_error_print(&err, NULL);
			return -1;
		}
	} else {
		fprintf(stderr,
		        "piiflow: no input: give C files or -p BUILD_DIR (see piiflow --help)\n");
		return -1;
	}
	return 0;
}

struct pf_engine_job {
	struct pf_ir_tu **tus;
	size_t ntus;
	const struct pf_engine_options *opts;
	struct pf_report *report;
};

static void *pf_engine_thread(void *arg)
{
	struct pf_engine_job *job = arg;
	pf_engine_run_programs(job->tus, job->ntus, job->opts, job->report);
	return NULL;
}

/* The engine recurses over expression trees as deep as the code nests: it
 * runs on a thread with a large stack too. */
static void pf_run_engine(struct pf_ir_tu **tus, size_t ntus, const struct pf_engine_options *opts,
                          struct pf_report *report)
{
	struct pf_engine_job job = {tus, ntus, opts, report};
	pthread_attr_t attr;
	pthread_t t;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, (size_t)512 << 20);
	if (pthread_create(&t, &attr, pf_engine_thread, &job) == 0)
		pthread_join(t, NULL);
	else
		pf_engine_run_programs(tus, ntus, opts, report);
	pthread_attr_destroy(&attr);
}

static int pf_tu_cmp(const void *a, const void *b)
{
	const struct pf_ir_tu *x = *(struct pf_ir_tu *const *)a, *y = *(struct pf_ir_tu *const *)b;
	const char *fx = x->nincludes ? x->includes[0] : x->file;
	const char *fy = y->nincludes ? y->includes[0] : y->file;
	return strcmp(fx, fy);
}

/* The IR cache: on unless --no-cache; its folder is --cache-dir, the
 * config's cache_dir, BUILD_DIR/.piiflow-cache with -p, else the user's
 * cache folder. A cache that cannot be opened only costs speed. */
struct pf_cache *pf_driver_open_cache(const struct pf_check_options *o, const struct pf_config *cfg,
                                      const char *build_dir)
{
	if (o->no_cache)
		return NULL;
	char dir[4096];
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	if (o->cache_dir)
		snprintf(dir, sizeof(dir), "%s", o->cache_dir);
	else if (cfg->cache_dir)
		snprintf(dir, sizeof(dir), "%s", cfg->cache_dir);
	else if (build_dir)
		snprintf(dir, sizeof(dir), "%s/.piiflow-cache", build_dir);
	else if (xdg && *xdg)
		snprintf(dir, sizeof(dir), "%s/piiflow", xdg);
	else if (home && *home)
		snprintf(dir, sizeof(dir), "%s/.cache/piiflow", home);
	else
		return NULL;
	struct pf_error err;
	struct pf_cache *c = pf_cache_open(dir, &err);
	if (!c && !o->quiet) {
		char msg[2048];
		pf_error_format(&err, NULL, msg, sizeof(msg));
		fprintf(stderr, "piiflow: warning: %s; running without the cache\n", msg);
	}
	return c;
}

/* --emit-ir: the per-TU phase's result, one IR file per unit. */
static int pf_emit(const struct pf_check_options *o, const struct pf_compdb *db,
                   struct pf_ir_tu **tus)
{
	struct pf_error err;
	for (size_t i = 0; i < db->ncmds; i++) {
		if (pf_ir_dir_emit(o->emit_ir, &db->cmds[i], tus[i], &err) != 0) {
			pf_error_print(&err, NULL);
			return PF_EXIT_ERROR;
		}
	}
	if (!o->quiet)
		fprintf(stderr, "piiflow: wrote the IR of %zu translation unit%s to %s\n",
		        db->ncmds, db->ncmds == 1 ? "" : "s", o->emit_ir);
	return PF_EXIT_OK;
}

static int pf_write_findings(FILE *out, const struct pf_check_options *o, const void *arg)
{
	const struct pf_report *r = arg;
	switch (o->format) {
	case PF_FORMAT_JSON:
		return pf_report_write_json(out, r);
	case PF_FORMAT_SARIF:
		return pf_report_write_sarif(out, r);
	default:
		return pf_report_write_text(out, r);
	}
}

struct pf_map_job {
	const struct pf_report *report;
	const struct pf_config *cfg;
};

/* The fides_key of the manifest: the name of the config's directory, else
 * of the working directory, in the characters a FidesKey allows. */
static void pf_system_key(const struct pf_config *cfg, char *key, size_t size)
{
	char cwd[PATH_MAX];
	const char *dir = cfg->dir ? cfg->dir : getcwd(cwd, sizeof(cwd));
	const char *base = dir ? strrchr(dir, '/') : NULL;
	base = base && base[1] ? base + 1 : "system";
	size_t n = 0;
	for (; *base && n + 1 < size; base++)
		key[n++] = isalnum((unsigned char)*base) || strchr("_.-", *base) ? *base : '_';
	key[n] = '\0';
}

static int pf_write_map(FILE *out, const struct pf_check_options *o, const void *arg)
{
	const struct pf_map_job *job = arg;
	const char **purposes = pf_xcalloc(job->cfg->ndata_uses + 1, sizeof(char *));
	const char **uses = pf_xcalloc(job->cfg->ndata_uses + 1, sizeof(char *));
	for (size_t i = 0; i < job->cfg->ndata_uses; i++) {
		purposes[i] = job->cfg->data_uses[i].purpose;
		uses[i] = job->cfg->data_uses[i].use;
	}
	struct pf_map_data_uses du = {purposes, uses, job->cfg->ndata_uses};
	struct pf_map m;
	pf_map_build(&m, job->report, &du);
	char key[256];
	int rc;
	switch (o->format) {
	case PF_FORMAT_JSON:
		rc = pf_map_write_json(out, &m);
		break;
	case PF_FORMAT_MARKDOWN:
		rc = pf_map_write_markdown(out, &m);
		break;
	case PF_FORMAT_DOT:
		rc = pf_map_write_dot(out, &m);
		break;
	case PF_FORMAT_FIDESLANG:
		pf_system_key(job->cfg, key, sizeof(key));
		rc = pf_map_write_fideslang(out, &m, key);
		break;
	default:
		rc = pf_map_write_text(out, &m);
		break;
	}
	pf_map_free(&m);
	free(purposes);
	free(uses);
	return rc;
}

static int pf_write_discovery(FILE *out, const struct pf_check_options *o, const void *arg)
{
	const struct pf_discovery *d = arg;
	switch (o->format) {
	case PF_FORMAT_RULES:
		return pf_discover_write_rules(out, d);
	case PF_FORMAT_PATCH:
		return pf_discover_write_patch(out, d);
	default:
		return pf_discover_write_text(out, d);
	}
}

/* The exit code of a written report under --fail-on. */
static int pf_verdict(const struct pf_check_options *o, const struct pf_report *r)
{
	if (o->fail_never)
		return PF_EXIT_OK;
	size_t n = pf_report_count_at_least(r, o->fail_on);
	if (o->fail_on <= PF_SEV_WARNING)
		n += pf_report_count_diagnostics_at_least(r, o->fail_on);
	return n ? PF_EXIT_FINDINGS : PF_EXIT_OK;
}

/* A file named on the command line with -p that the database does not list
 * (a new file) gets the flags of the nearest entry. */
static void pf_add_new_files(const struct pf_check_options *o, struct pf_compdb *db)
{
	for (size_t i = 0; i < o->npaths; i++) {
		/* a path that does not exist is a typo, reported as such later */
		if (access(o->paths[i], F_OK) != 0 || !pf_compdb_interpolate(db, o->paths[i]))
			continue;
		const struct pf_compile_command *c = &db->cmds[db->ncmds - 1];
		if (!o->quiet)
			fprintf(
			    stderr,
			    "piiflow: note: %s is not in the compile database; analyzed with the "
			    "flags of the nearest entry\n",
			    c->display);
	}
}

/* Leaves out the units whose file the analyzed version does not have
 * (a deletion that is staged). */
static void pf_drop_absent(struct pf_compdb *db, const struct pf_unsaved_set *u)
{
	struct pf_compdb dropped;
	pf_compdb_init(&dropped);
	dropped.cmds = pf_xcalloc(db->ncmds + 1, sizeof(*dropped.cmds));
	size_t kept = 0;
	for (size_t i = 0; i < db->ncmds; i++) {
		if (pf_unsaved_set_absent(u, db->cmds[i].file))
			dropped.cmds[dropped.ncmds++] = db->cmds[i];
		else
			db->cmds[kept++] = db->cmds[i];
	}
	db->ncmds = kept;
	pf_compdb_free(&dropped);
}

/* Everything a run shares between the version analyzed and the base
 * version of --new-since REF. */
struct pf_run {
	const struct pf_check_options *o;
	const struct pf_config *cfg;
	const struct pf_rules *rules;
	const struct pf_lower_options *lopts;
	const char *build_dir;
	char **paths;
	size_t npaths;
};

/* The findings at revision ref (--new-since REF) as a baseline: the same
 * compile database and pipeline, with ref's version of every file that
 * differs from the version analyzed (cur), the units ref does not have
 * left out. Returns 0, or -1 after a message. */
static int pf_base_findings(const struct pf_run *run, const struct pf_compdb *db,
                            const struct pf_unsaved_set *cur, const char *ref,
                            struct pf_baseline *out)
{
	char err[4096];
	struct pf_unsaved_set at;
	if (pf_git_revision_files(ref, run->o->staged, &at, err, sizeof(err)) != 0) {
		fprintf(stderr, "piiflow: %s\n", err);
		return -1;
	}
	/* the version analyzed where ref has the same content */
	size_t n = at.n;
	struct pf_unsaved_file *files = pf_xcalloc(at.n + cur->n + 1, sizeof(*files));
	if (at.n)
		memcpy(files, at.v, at.n * sizeof(*files));
	for (size_t i = 0; i < cur->n; i++)
		if (!pf_unsaved_set_find(&at, cur->v[i].path) &&
		    !pf_unsaved_set_absent(&at, cur->v[i].path))
			files[n++] = cur->v[i];
	struct pf_compdb base = {pf_xcalloc(db->ncmds + 1, sizeof(*base.cmds)), 0, NULL, 0};
	for (size_t i = 0; i < db->ncmds; i++)
		if (!pf_unsaved_set_absent(&at, db->cmds[i].file))
			base.cmds[base.ncmds++] = db->cmds[i]; /* shared, not owned */
	struct pf_lower_options lopts = *run->lopts;
	lopts.unsaved = files;
	lopts.nunsaved = n;
	struct pf_cache *cache = pf_driver_open_cache(run->o, run->cfg, run->build_dir);
	pf_cache_set_unsaved(cache, files, n);
	struct pf_report report;
	pf_report_init(&report);
	struct pf_ir_tu **tus = pf_xcalloc(base.ncmds + 1, sizeof(*tus));
	bool *borrowed = pf_xcalloc(base.ncmds + 1, sizeof(*borrowed));
	int rc = -1;
	if (!pf_parse_all(run->o, &base, &lopts, cache, NULL, tus, borrowed, &report)) {
		fprintf(stderr, "piiflow: --new-since %s: the units above cannot be parsed at %s\n",
		        ref, ref);
		goto done;
	}
	qsort(tus, base.ncmds, sizeof(*tus), pf_tu_cmp);
	struct pf_engine_options eopts = {.rules = run->rules,
	                                  .budget = run->o->analysis_budget >= 0
	                                                ? run->o->analysis_budget
	                                                : run->cfg->analysis_budget};
	pf_run_engine(tus, base.ncmds, &eopts, &report);
	if (run->npaths)
		pf_filter_paths(&report, run->paths, run->npaths, true);
	pf_policy_apply(&report, run->cfg);
	pf_suppress(&report, &base, run->cfg, run->paths, run->npaths, files, n, NULL);
	pf_baseline_from_report(out, &report);
	rc = 0;
done:
	for (size_t i = 0; i < base.ncmds; i++)
		if (tus[i])
			pf_ir_tu_free(tus[i]);
	free(tus);
	free(borrowed);
	pf_report_free(&report);
	pf_cache_close(cache);
	free(base.cmds);
	free(files);
	pf_unsaved_set_free(&at);
	return rc;
}

/* --new-since REF|FILE: what counts as not new. A regular file is a JSON
 * or SARIF report; else a git revision; HEAD before the first commit
 * makes everything new. Returns 0 (with *reason for the accepted
 * findings), or -1 after a message. */
static int pf_new_since(const struct pf_run *run, const struct pf_compdb *db,
                        const struct pf_unsaved_set *cur, struct pf_baseline *out, char *reason,
                        size_t rsize)
{
	const char *since = run->o->new_since;
	struct stat st;
	pf_baseline_init(out);
	if (stat(since, &st) == 0 && S_ISREG(st.st_mode)) {
		struct pf_error err;
		if (pf_baseline_load_report(out, since, &err) != 0) {
			pf_error_print(&err, "error");
			return -1;
		}
		snprintf(reason, rsize, "reported in %s", since);
		return 0;
	}
	switch (pf_git_resolve(since)) {
	case PF_GIT_REV_OK:
		snprintf(reason, rsize, "present at %s", since);
		return pf_base_findings(run, db, cur, since, out);
	case PF_GIT_REV_UNBORN:
		if (!run->o->quiet)
			fprintf(stderr,
			        "piiflow: note: --new-since %s: no commit yet, so every "
			        "finding is new\n",
			        since);
		out->version = 2;
		return 0;
	default:
		fprintf(stderr,
		        "piiflow: --new-since %s: neither a report file (JSON or SARIF) nor a git "
		        "revision of the repository here\n",
		        since);
		return -1;
	}
}

int pf_driver_check(const struct pf_check_options *o)
{
	double t0 = pf_now();
	int exit_code = PF_EXIT_ERROR;
	struct pf_config cfg;
	struct pf_baseline baseline;
	struct pf_rules rules;
	struct pf_taxonomy tax;
	struct pf_compdb db;
	struct pf_report report;
	struct pf_ir_tu **tus = NULL;
	struct pf_ir_tu **owned = NULL; /* the units to free: not the held ones */
	size_t ntus = 0;
	struct pf_cache *cache = NULL;
	struct pf_held_view *held = NULL;
	const char *build_dir = NULL;
	struct pf_dropped_flags *dropped = pf_dropped_flags_new();
	struct pf_unsaved_set unsaved = {0};
	struct pf_unsaved_file *all_unsaved = NULL;
	size_t nall_unsaved = 0;
	/* the inputs the language server keeps: used as they are, not freed */
	const struct pf_check_inputs *in = o->inputs && o->inputs->loaded ? o->inputs : NULL;
	bool held_db = false;
	struct pf_baseline since;
	pf_baseline_init(&since);
	pf_config_init(&cfg);
	pf_baseline_init(&baseline);
	pf_rules_init(&rules);
	pf_taxonomy_init(&tax);
	pf_compdb_init(&db);
	pf_report_init(&report);

	if (in)
		cfg = in->cfg;
	else if (pf_driver_load_config(o->config, o->no_config, &cfg) != 0)
		goto done;
	const char *baseline_file = o->baseline ? o->baseline : cfg.baseline;
	if (baseline_file) {
		struct pf_error berr;
		if (pf_baseline_load(&baseline, baseline_file, &berr) != 0) {
			pf_error_print(&berr, "error");
			goto done;
		}
		if (baseline.version == 1 && !o->quiet)
			fprintf(
			    stderr,
			    "piiflow: note: %s is a baseline of version 1 (one entry per source "
			    "and sink); it still matches, by each source of a finding; rewrite it "
			    "with --write-baseline\n",
			    baseline_file);
	}
	if (in) {
		rules = in->rules;
		tax = in->tax;
	} else if (pf_driver_load_rules(&rules, o->no_default_rules, &cfg, o->rules_files,
	                                o->nrules) != 0 ||
	           pf_driver_load_taxonomy(&tax) != 0) {
		goto done;
	}
	/* a database the check extends (new files named, deletions staged) is
	 * its own */
	held_db = in && in->has_db && !o->from_ir && !o->npaths && !o->staged;
	if (held_db) {
		db = in->db;
		build_dir = in->build_dir;
		pf_warn_missing(&db, build_dir);
	} else if ((!o->from_ir || o->build_dir) && pf_load_input(o, &cfg, &db, &build_dir) != 0) {
		/* --from-ir with -p: the IR of exactly the units the database lists */
		goto done;
	}
	pf_stage_time("input", t0);
	if (o->staged) {
		char err[4096];
		if (pf_git_staged(&unsaved, err, sizeof(err)) != 0) {
			fprintf(stderr, "piiflow: %s\n", err);
			goto done;
		}
		pf_drop_absent(&db, &unsaved);
	}
	/* what is read instead of the disk: the staged versions, and an
	 * editor's buffers (the language server) */
	nall_unsaved = unsaved.n + o->nunsaved;
	all_unsaved = pf_xcalloc(nall_unsaved + 1, sizeof(*all_unsaved));
	if (unsaved.n)
		memcpy(all_unsaved, unsaved.v, unsaved.n * sizeof(*all_unsaved));
	if (o->nunsaved)
		memcpy(all_unsaved + unsaved.n, o->unsaved, o->nunsaved * sizeof(*all_unsaved));
	if (build_dir && !o->from_ir)
		pf_add_new_files(o, &db);
	if (!o->from_ir && build_dir &&
	    pf_check_filter_paths(o->paths, o->npaths, &db, NULL, 0) != 0)
		goto done;
	if (o->from_ir && o->emit_ir) {
		fprintf(stderr, "piiflow: --emit-ir and --from-ir do not go together\n");
		goto done;
	}

	struct pf_lower_options lopts = {
	    .taxonomy = &tax,
	    .resource_dir = PF_CLANG_RESOURCE_DIR,
	    .annotations_dir = pf_driver_annotations_dir(),
	    .dropped = dropped,
	    .unsaved = all_unsaved,
	    .nunsaved = nall_unsaved,
	};
	if (o->from_ir) {
		if (pf_units_load(o->from_ir, build_dir ? &db : NULL, &db, o->quiet, &tus, &ntus) !=
		    0)
			goto done;
		for (size_t i = 0; i < ntus; i++)
			pf_add_tu_diags(&report, tus[i]);
	} else {
		cache = pf_driver_open_cache(o, &cfg, build_dir);
		if (cache)
			pf_cache_set_unsaved(cache, all_unsaved, nall_unsaved);
		tus = pf_xcalloc(db.ncmds + 1, sizeof(*tus));
		ntus = db.ncmds;
		bool *borrowed = pf_xcalloc(db.ncmds + 1, sizeof(*borrowed));
		if (o->held)
			held = pf_held_view_new(o->held, all_unsaved, nall_unsaved);
		bool parsed = pf_parse_all(o, &db, &lopts, cache, held, tus, borrowed, &report);
		owned = pf_xcalloc(ntus + 1, sizeof(*owned));
		for (size_t i = 0; i < ntus; i++)
			owned[i] = borrowed[i] ? NULL : tus[i];
		free(borrowed);
		if (!parsed)
			goto done;
		if (o->emit_ir) {
			pf_note_dropped_flags(o, tus, ntus);
			exit_code = pf_emit(o, &db, tus);
			goto done;
		}
	}
	pf_stage_time("parse", t0);
	pf_note_dropped_flags(o, tus, ntus);
	if (!pf_check_parse_errors(o, &cfg, build_dir, tus, ntus))
		goto done;
	if (pf_check_policy_names(&cfg, &tax, &rules, tus, ntus) != 0)
		goto done;
	if ((build_dir || o->from_ir) &&
	    pf_check_filter_paths(o->paths, o->npaths, &db, tus, ntus) != 0)
		goto done;
	struct pf_error rerr;
	if (pf_engine_bind_rules(&rules, tus, ntus, &rerr) != 0) {
		pf_error_print(&rerr, "error");
		goto done;
	}
	/* the same program gives the same result whichever way its units came */
	qsort(tus, ntus, sizeof(*tus), pf_tu_cmp);
	if (o->command == PF_COMMAND_DISCOVER) {
		struct pf_discovery disc;
		pf_discover_run(&disc, tus, ntus, &rules);
		if (pf_write_output(o, pf_write_discovery, &disc) == 0)
			exit_code = PF_EXIT_OK;
		pf_discover_free(&disc);
		goto done;
	}

	pf_stage_time("checks", t0);
	struct pf_engine_options eopts = {.rules = &rules,
	                                  .explain = o->explain ? stderr : NULL,
	                                  .budget = o->analysis_budget >= 0 ? o->analysis_budget
	                                                                    : cfg.analysis_budget};
	pf_run_engine(tus, ntus, &eopts, &report);
	pf_stage_time("engine", t0);
	bool filter = build_dir || o->from_ir; /* PATHs then filter the report */
	char **paths = filter ? o->paths : NULL;
	size_t npaths = filter ? o->npaths : 0;
	if (npaths)
		pf_filter_paths(&report, paths, npaths, true);
	pf_policy_apply(&report, &cfg);
	pf_suppress(&report, &db, &cfg, paths, npaths, all_unsaved, nall_unsaved,
	            in ? in->suppressions : NULL);
	pf_stage_time("suppress", t0);
	if (baseline_file)
		pf_baseline_apply(&baseline, &report, NULL);
	if (o->new_since && !o->write_baseline) {
		struct pf_run run = {o, &cfg, &rules, &lopts, build_dir, paths, npaths};
		char reason[1024];
		if (pf_new_since(&run, &db, &unsaved, &since, reason, sizeof(reason)) != 0)
			goto done;
		pf_baseline_apply(&since, &report, reason);
	}
	pf_report_sort(&report);
	report.summary = pf_report_summary(&report);
	report.summary.translation_units = (unsigned)ntus;
	report.summary.seconds = pf_now() - t0;

	if (o->write_baseline) {
		struct pf_error err;
		if (pf_baseline_write(&report, o->write_baseline, &err) != 0) {
			pf_error_print(&err, NULL);
			goto done;
		}
		if (!o->quiet)
			fprintf(stderr, "piiflow: recorded %zu finding%s in %s\n",
			        report.nfindings + report.summary.baselined,
			        report.nfindings + report.summary.baselined == 1 ? "" : "s",
			        o->write_baseline);
		exit_code = PF_EXIT_OK;
		goto done;
	}
	if (o->command == PF_COMMAND_MAP) {
		struct pf_map_job job = {&report, &cfg};
		if (pf_write_output(o, pf_write_map, &job) == 0)
			exit_code = PF_EXIT_OK;
		goto done;
	}
	if (pf_write_output(o, pf_write_findings, &report) != 0)
		goto done;
	pf_stage_time("report", t0);
	exit_code = pf_verdict(o, &report);
done:
	for (size_t i = 0; tus && i < ntus; i++)
		if (!owned || owned[i])
			pf_ir_tu_free(owned ? owned[i] : tus[i]);
	free(tus);
	free(owned);
	pf_held_view_free(held);
	pf_cache_close(cache);
	pf_dropped_flags_free(dropped);
	pf_report_free(&report);
	if (!held_db)
		pf_compdb_free(&db);
	if (!in) {
		pf_taxonomy_free(&tax);
		pf_rules_free(&rules);
	}
	pf_baseline_free(&baseline);
	pf_baseline_free(&since);
	pf_unsaved_set_free(&unsaved);
	free(all_unsaved);
	if (!in)
		pf_config_free(&cfg);
	pf_stage_time("freed", t0);
	return exit_code;
}
