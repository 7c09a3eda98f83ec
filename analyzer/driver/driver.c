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
#include "driver/cache.h"
#include "engine/engine.h"
#include "lower/lower.h"
#include "policy/config.h"
#include "policy/policy.h"
#include "report/report.h"
#include "rules/rules.h"
#include "taxonomy/taxonomy.h"
#include "util/xalloc.h"

struct pf_pool {
	const struct pf_compdb *db;
	const struct pf_lower_options *lopts;
	struct pf_cache *cache; /* or NULL */
	struct pf_ir_tu **tus;
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
		struct pf_ir_tu *tu = pool->cache ? pf_cache_load(pool->cache, cmd) : NULL;
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

static double pf_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int pf_driver_load_config(const char *path, bool none, struct pf_config *cfg)
{
	pf_config_init(cfg);
	if (none)
		return 0;
	char *found = path ? NULL : pf_config_find(NULL);
	if (!path && !found)
		return 0;
	struct pf_policy_error err;
	int rc = pf_config_load(cfg, path ? path : found, &err);
	if (rc != 0) {
		char buf[2048];
		pf_policy_error_format(&err, buf, sizeof(buf));
		fprintf(stderr, "%s\n", buf);
	}
	free(found);
	return rc;
}

static int pf_load_rules_file(struct pf_rules *rules, const char *file)
{
	struct pf_rules_error err;
	if (pf_rules_load_file(rules, file, false, &err) == 0)
		return 0;
	char buf[2048];
	pf_rules_error_format(&err, buf, sizeof(buf));
	fprintf(stderr, "%s\n", buf);
	return -1;
}

int pf_driver_load_rules(struct pf_rules *rules, bool no_default, const struct pf_config *cfg,
                         char **extra, size_t nextra)
{
	struct pf_rules_error err;
	if (!no_default && pf_rules_load_dir(rules, pf_driver_rules_dir(), &err) != 0) {
		char buf[2048];
		pf_rules_error_format(&err, buf, sizeof(buf));
		fprintf(stderr, "%s\n", buf);
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

static int pf_load_taxonomy(struct pf_taxonomy *tax)
{
	char path[4096], msg[1024];
	snprintf(path, sizeof(path), "%s/taxonomy.csv", pf_driver_rules_dir());
	if (pf_taxonomy_load(tax, path, msg, sizeof(msg)) != 0) {
		fprintf(stderr, "piiflow: %s\n", msg);
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
	for (size_t t = 0; t < f->ntrace && !keep; t++)
		keep = pf_under(f->trace[t].pos.file, paths, npaths);
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
	pf_report_free(r);
	*r = kept;
}

/* Leaves out the translation units whose file the config excludes. */
static void pf_exclude_tus(struct pf_compdb *db, const struct pf_config *cfg)
{
	if (!cfg->nexclude)
		return;
	struct pf_compdb dropped;
	pf_compdb_init(&dropped);
	dropped.cmds = pf_xcalloc(db->ncmds + 1, sizeof(*dropped.cmds));
	size_t kept = 0;
	for (size_t i = 0; i < db->ncmds; i++) {
		if (pf_config_excluded(cfg, db->cmds[i].file))
			dropped.cmds[dropped.ncmds++] = db->cmds[i];
		else
			db->cmds[kept++] = db->cmds[i];
	}
	db->ncmds = kept;
	pf_compdb_free(&dropped);
}

/* The suppression comments of every file with a sink of a finding and of
 * every translation unit's main file (under the paths, when filtering). */
static void pf_suppress(struct pf_report *r, const struct pf_compdb *db, char **paths,
                        size_t npaths, const struct pf_check_options *o)
{
	size_t n = 0;
	char **files = pf_xcalloc(r->nfindings + r->naccepted + db->ncmds + 1, sizeof(*files));
	for (size_t i = 0; i < r->nfindings; i++)
		files[n++] = r->findings[i].sink.file;
	for (size_t i = 0; i < r->naccepted; i++)
		files[n++] = r->accepted[i].sink.file;
	for (size_t i = 0; i < db->ncmds; i++)
		if (!npaths || pf_under(db->cmds[i].display, paths, npaths))
			files[n++] = db->cmds[i].display;
	pf_suppress_apply_unsaved(r, files, n, o->unsaved, o->nunsaved);
	free(files);
	/* A suppression in a sink file outside the paths is not this commit's. */
	if (npaths)
		pf_filter_paths(r, paths, npaths, false);
}

static int pf_write_report(const struct pf_check_options *o, const struct pf_report *r)
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
	int rc;
	switch (o->format) {
	case PF_FORMAT_JSON:
		rc = pf_report_write_json(out, r);
		break;
	case PF_FORMAT_SARIF:
		rc = pf_report_write_sarif(out, r);
		break;
	default:
		rc = pf_report_write_text(out, r);
		break;
	}
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

static void pf_add_tu_diags(struct pf_report *r, struct pf_ir_tu *tu)
{
	for (size_t i = 0; i < tu->ndiags; i++) {
		struct pf_ir_diag *d = &tu->diags[i];
		pf_report_add_diagnostic(r, d->rule, d->is_error ? PF_SEV_ERROR : PF_SEV_WARNING,
		                         d->pos.file, d->pos.line, d->pos.column, d->message);
	}
}

/* Parses and lowers every translation unit of db into tus[], -j at a time.
 * Returns false, after naming them, when one could not be parsed at all. */
static bool pf_parse_all(const struct pf_check_options *o, const struct pf_compdb *db,
                         const struct pf_lower_options *lopts, struct pf_cache *cache,
                         struct pf_ir_tu **tus, struct pf_report *report)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	size_t jobs = o->jobs > 0 ? (size_t)o->jobs : (ncpu > 0 ? (size_t)ncpu : 1);
	if (jobs > db->ncmds)
		jobs = db->ncmds ? db->ncmds : 1;
	struct pf_pool pool = {.db = db, .lopts = lopts, .cache = cache, .tus = tus};
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
			fprintf(stderr, "piiflow: %s: cannot be parsed: %s\n", db->cmds[i].display,
			        tus[i]->ndiags ? tus[i]->diags[0].message : "unknown error");
		}
		pf_add_tu_diags(report, tus[i]);
	}
	return ok;
}

/* The compile database: -p, else the config's build_dir unless the command
 * line names files with "--", else the files given. */
static int pf_load_input(const struct pf_check_options *o, const struct pf_config *cfg,
                         struct pf_compdb *db, const char **build_dir)
{
	char err[4096];
	*build_dir = o->build_dir;
	if (!*build_dir && !o->compiler_flags)
		*build_dir = cfg->build_dir;
	if (*build_dir) {
		if (pf_compdb_load(db, *build_dir, err, sizeof(err)) != 0) {
			fprintf(stderr, "piiflow: %s\n", err);
			return -1;
		}
	} else if (o->npaths) {
		if (pf_compdb_from_files(db, o->paths, o->npaths, o->compiler_flags, o->nflags, err,
		                         sizeof(err)) != 0) {
			fprintf(stderr, "piiflow: %s\n", err);
			return -1;
		}
	} else {
		fprintf(stderr,
		        "piiflow: no input: give C files or -p BUILD_DIR (see piiflow --help)\n");
		return -1;
	}
	pf_exclude_tus(db, cfg);
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
	pf_engine_run(job->tus, job->ntus, job->opts, job->report);
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
		pf_engine_run(tus, ntus, opts, report);
	pthread_attr_destroy(&attr);
}

static int pf_tu_cmp(const void *a, const void *b)
{
	const struct pf_ir_tu *x = *(struct pf_ir_tu *const *)a, *y = *(struct pf_ir_tu *const *)b;
	const char *fx = x->nincludes ? x->includes[0] : x->file;
	const char *fy = y->nincludes ? y->includes[0] : y->file;
	return strcmp(fx, fy);
}

/* The summary cache: on unless --no-cache; its folder is --cache-dir, the
 * config's cache_dir, BUILD_DIR/.piiflow-cache with -p, else the user's
 * cache folder. A cache that cannot be opened only costs speed. */
static struct pf_cache *pf_open_cache(const struct pf_check_options *o, const struct pf_config *cfg,
                                      const char *build_dir, const struct pf_rules *rules)
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
	char err[4096];
	struct pf_cache *c = pf_cache_open(dir, rules, err, sizeof(err));
	if (!c && !o->quiet)
		fprintf(stderr, "piiflow: warning: %s; running without the cache\n", err);
	return c;
}

/* --emit-summaries: the per-TU phase's result, one file per unit. */
static int pf_emit(const struct pf_check_options *o, const struct pf_compdb *db,
                   struct pf_ir_tu **tus, const struct pf_rules *rules)
{
	char err[4096];
	for (size_t i = 0; i < db->ncmds; i++) {
		if (pf_summaries_emit(o->emit_summaries, &db->cmds[i], tus[i], rules, err,
		                      sizeof(err)) != 0) {
			fprintf(stderr, "piiflow: %s\n", err);
			return PF_EXIT_ERROR;
		}
	}
	if (!o->quiet)
		fprintf(stderr, "piiflow: wrote the summaries of %zu translation unit%s to %s\n",
		        db->ncmds, db->ncmds == 1 ? "" : "s", o->emit_summaries);
	return PF_EXIT_OK;
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
	size_t ntus = 0;
	struct pf_cache *cache = NULL;
	const char *build_dir = NULL;
	pf_config_init(&cfg);
	pf_baseline_init(&baseline);
	pf_rules_init(&rules);
	pf_taxonomy_init(&tax);
	pf_compdb_init(&db);
	pf_report_init(&report);

	if (pf_driver_load_config(o->config, o->no_config, &cfg) != 0)
		goto done;
	if (o->baseline) {
		struct pf_policy_error berr;
		if (pf_baseline_load(&baseline, o->baseline, &berr) != 0) {
			char buf[2048];
			pf_policy_error_format(&berr, buf, sizeof(buf));
			fprintf(stderr, "%s\n", buf);
			goto done;
		}
	}
	if (pf_driver_load_rules(&rules, o->no_default_rules, &cfg, o->rules_files, o->nrules))
		goto done;
	if (pf_load_taxonomy(&tax) != 0)
		goto done;
	if (!o->from_summaries && pf_load_input(o, &cfg, &db, &build_dir) != 0)
		goto done;
	if (o->from_summaries && o->emit_summaries) {
		fprintf(stderr,
		        "piiflow: --emit-summaries and --from-summaries do not go together\n");
		goto done;
	}

	struct pf_lower_options lopts = {
	    .rules = &rules,
	    .taxonomy = &tax,
	    .resource_dir = PF_CLANG_RESOURCE_DIR,
	    .annotations_dir = pf_driver_annotations_dir(),
	    .unsaved = o->unsaved,
	    .nunsaved = o->nunsaved,
	};
	if (o->from_summaries) {
		char err[4096];
		if (pf_summaries_load(o->from_summaries, &rules, &tus, &ntus, err, sizeof(err)) !=
		    0) {
			fprintf(stderr, "piiflow: %s\n", err);
			goto done;
		}
		for (size_t i = 0; i < ntus; i++)
			pf_add_tu_diags(&report, tus[i]);
	} else {
		cache = pf_open_cache(o, &cfg, build_dir, &rules);
		if (cache)
			pf_cache_set_unsaved(cache, o->unsaved, o->nunsaved);
		tus = pf_xcalloc(db.ncmds + 1, sizeof(*tus));
		ntus = db.ncmds;
		if (!pf_parse_all(o, &db, &lopts, cache, tus, &report))
			goto done;
		if (o->emit_summaries) {
			exit_code = pf_emit(o, &db, tus, &rules);
			goto done;
		}
	}
	/* the same program gives the same result whichever way its units came */
	qsort(tus, ntus, sizeof(*tus), pf_tu_cmp);

	struct pf_engine_options eopts = {.rules = &rules,
	                                  .explain = o->explain ? stderr : NULL,
	                                  .budget = o->analysis_budget >= 0 ? o->analysis_budget
	                                                                    : cfg.analysis_budget};
	pf_run_engine(tus, ntus, &eopts, &report);
	bool filter = build_dir || o->from_summaries; /* PATHs then filter the report */
	char **paths = filter ? o->paths : NULL;
	size_t npaths = filter ? o->npaths : 0;
	if (npaths)
		pf_filter_paths(&report, paths, npaths, true);
	pf_policy_apply(&report, &cfg);
	pf_suppress(&report, &db, paths, npaths, o);
	if (o->baseline)
		pf_baseline_apply(&baseline, &report);
	pf_report_sort(&report);
	report.summary = pf_report_summary(&report);
	report.summary.translation_units = (unsigned)ntus;
	report.summary.seconds = pf_now() - t0;

	if (o->write_baseline) {
		char err[4096];
		if (pf_baseline_write(&report, o->write_baseline, err, sizeof(err)) != 0) {
			fprintf(stderr, "piiflow: %s\n", err);
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
	if (pf_write_report(o, &report) != 0)
		goto done;
	exit_code = pf_verdict(o, &report);
done:
	if (tus)
		for (size_t i = 0; i < ntus; i++)
			pf_ir_tu_free(tus[i]);
	free(tus);
	pf_cache_close(cache);
	pf_report_free(&report);
	pf_compdb_free(&db);
	pf_taxonomy_free(&tax);
	pf_rules_free(&rules);
	pf_baseline_free(&baseline);
	pf_config_free(&cfg);
	return exit_code;
}
