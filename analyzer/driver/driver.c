/*
 * One `piiflow check`, stage by stage. Input errors stop the run before
 * anything is analyzed and exit 2 with a message that names the file;
 * translation units are parsed and lowered by a pool of -j workers, each
 * with its own libclang index, and then analyzed together as one program.
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

#include "compdb/compdb.h"
#include "engine/engine.h"
#include "lower/lower.h"
#include "report/report.h"
#include "rules/rules.h"
#include "taxonomy/taxonomy.h"
#include "util/xalloc.h"

struct pf_pool {
	const struct pf_compdb *db;
	const struct pf_lower_options *lopts;
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
		pool->tus[i] = pf_lower_tu(&pool->db->cmds[i], pool->lopts);
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

static int pf_load_rules(const struct pf_check_options *o, struct pf_rules *rules,
			 struct pf_taxonomy *tax)
{
	struct pf_rules_error err;
	char buf[2048];
	const char *dir = pf_driver_rules_dir();
	if (!o->no_default_rules && pf_rules_load_dir(rules, dir, &err) != 0) {
		pf_rules_error_format(&err, buf, sizeof(buf));
		fprintf(stderr, "%s\n", buf);
		return -1;
	}
	for (size_t i = 0; i < o->nrules; i++) {
		if (pf_rules_load_file(rules, o->rules_files[i], false, &err) != 0) {
			pf_rules_error_format(&err, buf, sizeof(buf));
			fprintf(stderr, "%s\n", buf);
			return -1;
		}
	}
	char path[4096], msg[1024];
	snprintf(path, sizeof(path), "%s/taxonomy.csv", dir);
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
		hit = strncmp(abs, p, n) == 0 && (abs[n] == '\0' || abs[n] == '/' ||
						  (n > 0 && p[n - 1] == '/'));
		free(p);
	}
	free(abs);
	return hit;
}

/* With -p and PATHs: keep findings whose source, sink or a trace step lies
 * under one of the paths (what a pre-commit hook passes). */
static void pf_filter_paths(struct pf_report *r, char **paths, size_t npaths)
{
	struct pf_report kept;
	pf_report_init(&kept);
	for (size_t i = 0; i < r->nfindings; i++) {
		struct pf_finding *f = &r->findings[i];
		bool keep = pf_under(f->sink.file, paths, npaths) ||
			    pf_under(f->source.file, paths, npaths);
		for (size_t t = 0; t < f->ntrace && !keep; t++)
			keep = pf_under(f->trace[t].pos.file, paths, npaths);
		if (keep)
			pf_report_add_finding(&kept, f);
	}
	for (size_t i = 0; i < r->naccepted; i++)
		if (pf_under(r->accepted[i].sink.file, paths, npaths) ||
		    pf_under(r->accepted[i].source.file, paths, npaths))
			pf_report_add_finding(&kept, &r->accepted[i]);
	for (size_t i = 0; i < r->ndiagnostics; i++) {
		struct pf_diagnostic *d = &r->diagnostics[i];
		if (pf_under(d->pos.file, paths, npaths))
			pf_report_add_diagnostic(&kept, d->rule, d->severity, d->pos.file, d->pos.line,
						 d->pos.column, d->message);
	}
	kept.summary = r->summary;
	pf_report_free(r);
	*r = kept;
}

static int pf_write_report(const struct pf_check_options *o, const struct pf_report *r)
{
	FILE *out = stdout;
	char tmp[4096] = "";
	if (o->output) {
		snprintf(tmp, sizeof(tmp), "%s.piiflow-tmp.%ld", o->output, (long)getpid());
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
	if (o->output) {
		int saved = errno;
		if (fclose(out) != 0)
			rc = -1;
		if (rc == 0 && rename(tmp, o->output) != 0)
			rc = -1;
		if (rc != 0) {
			fprintf(stderr, "piiflow: %s: cannot write report: %s\n", o->output,
				strerror(errno ? errno : saved));
			unlink(tmp);
		}
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

int pf_driver_check(const struct pf_check_options *o)
{
	double t0 = pf_now();
	int exit_code = PF_EXIT_ERROR;
	struct pf_rules rules;
	struct pf_taxonomy tax;
	struct pf_compdb db;
	struct pf_report report;
	struct pf_ir_tu **tus = NULL;
	char err[4096];
	pf_rules_init(&rules);
	pf_taxonomy_init(&tax);
	pf_compdb_init(&db);
	pf_report_init(&report);

	if (pf_load_rules(o, &rules, &tax) != 0)
		goto done;
	if (o->build_dir) {
		if (pf_compdb_load(&db, o->build_dir, err, sizeof(err)) != 0) {
			fprintf(stderr, "piiflow: %s\n", err);
			goto done;
		}
	} else if (o->npaths) {
		if (pf_compdb_from_files(&db, o->paths, o->npaths, o->compiler_flags, o->nflags, err,
					 sizeof(err)) != 0) {
			fprintf(stderr, "piiflow: %s\n", err);
			goto done;
		}
	} else {
		fprintf(stderr, "piiflow: no input: give C files or -p BUILD_DIR (see piiflow --help)\n");
		goto done;
	}

	struct pf_lower_options lopts = {
		.rules = &rules,
		.taxonomy = &tax,
		.resource_dir = PF_CLANG_RESOURCE_DIR,
		.annotations_dir = pf_driver_annotations_dir(),
	};
	tus = pf_xcalloc(db.ncmds + 1, sizeof(*tus));
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	size_t jobs = o->jobs > 0 ? (size_t)o->jobs : (ncpu > 0 ? (size_t)ncpu : 1);
	if (jobs > db.ncmds)
		jobs = db.ncmds ? db.ncmds : 1;
	struct pf_pool pool = {.db = &db, .lopts = &lopts, .tus = tus};
	pool.progress = !o->quiet && isatty(2) && db.ncmds > 1;
	pthread_t *threads = pf_xcalloc(jobs, sizeof(*threads));
	size_t started = 0;
	for (size_t i = 1; i < jobs; i++)
		if (pthread_create(&threads[started], NULL, pf_worker, &pool) == 0)
			started++;
	pf_worker(&pool);
	for (size_t i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	free(threads);
	if (pool.progress)
		fprintf(stderr, "\r\033[K");

	bool fatal = false;
	for (size_t i = 0; i < db.ncmds; i++) {
		if (tus[i]->fatal) {
			fatal = true;
			fprintf(stderr, "piiflow: %s: cannot be parsed: %s\n", db.cmds[i].display,
				tus[i]->ndiags ? tus[i]->diags[0].message : "unknown error");
		}
		pf_add_tu_diags(&report, tus[i]);
	}
	if (fatal)
		goto done;

	struct pf_engine_options eopts = {.rules = &rules, .explain = o->explain ? stderr : NULL};
	pf_engine_run(tus, db.ncmds, &eopts, &report);
	if (o->build_dir && o->npaths)
		pf_filter_paths(&report, o->paths, o->npaths);
	pf_report_sort(&report);
	report.summary.translation_units = (unsigned)db.ncmds;
	report.summary.findings = (unsigned)report.nfindings;
	for (size_t i = 0; i < report.naccepted; i++)
		if (report.accepted[i].accepted_by &&
		    strcmp(report.accepted[i].accepted_by, "consent") == 0)
			report.summary.consented++;
	report.summary.seconds = pf_now() - t0;
	if (pf_write_report(o, &report) != 0)
		goto done;
	exit_code = PF_EXIT_OK;
	if (!o->fail_never) {
		size_t n = pf_report_count_at_least(&report, o->fail_on);
		if (o->fail_on <= PF_SEV_WARNING)
			for (size_t i = 0; i < report.ndiagnostics; i++)
				if (report.diagnostics[i].severity >= o->fail_on)
					n++;
		if (n)
			exit_code = PF_EXIT_FINDINGS;
	}
done:
	if (tus)
		for (size_t i = 0; i < db.ncmds; i++)
			pf_ir_tu_free(tus[i]);
	free(tus);
	pf_report_free(&report);
	pf_compdb_free(&db);
	pf_taxonomy_free(&tax);
	pf_rules_free(&rules);
	return exit_code;
}
