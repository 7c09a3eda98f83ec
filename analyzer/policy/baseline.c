/*
 * Baselines: how a team adopts piiflow on a codebase that already has flows.
 * `--write-baseline` records today's findings; `--baseline` then reports only
 * what is new. Findings are recorded by fingerprint (SPEC section 5), which
 * hashes names and not lines, so adding code above a finding, reformatting,
 * moving a file or renaming an unrelated function keeps it baselined, while a
 * new source, a new category or a sink call in another function is new. The
 * file also carries the names it was computed from, without lines, so that a
 * reviewer can read what a commit adds to it and two runs write it the same.
 */
#include "policy/policy.h"
#include "policy/policy_int.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/file.h"
#include "util/json_path.h"
#include "util/xalloc.h"

/* Version 2: one fingerprint per sink call site, argument and purpose.
 * Version 1 files are still read (see pf_baseline in policy.h). */
#define PF_BASELINE_VERSION 2

void pf_baseline_init(struct pf_baseline *b)
{
	memset(b, 0, sizeof(*b));
}

void pf_baseline_free(struct pf_baseline *b)
{
	free(b->fingerprints);
	pf_baseline_init(b);
}

static int fp_cmp(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

static bool is_fingerprint(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
			return false;
	return n == 32;
}

static int parse_doc(struct pf_json_cursor *c, json_t *root, struct pf_baseline *b)
{
	if (!json_is_object(root))
		return pf_json_fail(c, NULL, "a baseline must be a JSON object");
	json_t *version = json_object_get(root, "piiflow_baseline");
	if (!version)
		return pf_json_fail(c, NULL,
		                    "not a piiflow baseline (no \"piiflow_baseline\" key); write "
		                    "one with --write-baseline");
	if (!json_is_integer(version) || json_integer_value(version) < 1 ||
	    json_integer_value(version) > PF_BASELINE_VERSION)
		return pf_json_fail(c, "piiflow_baseline",
		                    "unsupported baseline version (this piiflow reads versions 1 "
		                    "to %d)",
		                    PF_BASELINE_VERSION);
	b->version = (int)json_integer_value(version);
	json_t *findings = json_object_get(root, "findings");
	if (!json_is_array(findings))
		return pf_json_fail(c, findings ? "findings" : NULL,
		                    "\"findings\" must be an array of recorded findings");
	pf_json_push_key(c, "findings");
	b->fingerprints = pf_xcalloc(json_array_size(findings) + 1, sizeof(*b->fingerprints));
	size_t i;
	json_t *entry;
	json_array_foreach(findings, i, entry)
	{
		pf_json_push_index(c, i);
		json_t *fp = json_is_object(entry) ? json_object_get(entry, "fingerprint") : NULL;
		int rc = 0;
		if (!json_is_object(entry))
			rc = pf_json_fail(c, NULL, "each recorded finding must be an object");
		else if (!json_is_string(fp) || !is_fingerprint(json_string_value(fp)))
			rc = pf_json_fail(c, fp ? "fingerprint" : NULL,
			                  "\"fingerprint\" must be 32 lower-case hex digits");
		pf_json_pop(c);
		if (rc)
			return rc;
		memcpy(b->fingerprints[b->n++], json_string_value(fp), 33);
	}
	pf_json_pop(c);
	if (b->n > 1)
		qsort(b->fingerprints, b->n, sizeof(*b->fingerprints), fp_cmp);
	return 0;
}

/* Reads the JSON file at path ("cannot read WHAT" when it cannot be) and
 * fills b with parse; on error b is left empty. */
static int load_doc(struct pf_baseline *b, const char *path, const char *what,
                    int (*parse)(struct pf_json_cursor *, json_t *, struct pf_baseline *),
                    struct pf_error *err)
{
	char *text = NULL;
	size_t len = 0;
	json_t *root = NULL;
	pf_baseline_init(b);
	int rc = pf_policy_read_json(path, what, 0, &text, &len, &root, err);
	if (rc == 0) {
		struct pf_json_cursor c = {
		    .text = text, .len = len, .err = err, .key_in_path = true};
		rc = parse(&c, root, b);
	}
	if (rc)
		pf_baseline_free(b);
	json_decref(root);
	free(text);
	return rc;
}

int pf_baseline_load(struct pf_baseline *b, const char *path, struct pf_error *err)
{
	return load_doc(b, path, "baseline", parse_doc, err);
}

/* ---- reports of an earlier run (--new-since FILE) ------------------------- */

static void add_fingerprint(struct pf_baseline *b, size_t *cap, const char *fp)
{
	if (b->n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		b->fingerprints = pf_xrealloc(b->fingerprints, *cap * sizeof(*b->fingerprints));
	}
	memcpy(b->fingerprints[b->n++], fp, 32);
	b->fingerprints[b->n - 1][32] = '\0';
}

/* A piiflow JSON report: findings[].fingerprint. */
static int parse_json_report(struct pf_json_cursor *c, json_t *findings, struct pf_baseline *b)
{
	size_t cap = 0, i;
	json_t *entry;
	b->version = 2;
	pf_json_push_key(c, "findings");
	json_array_foreach(findings, i, entry)
	{
		pf_json_push_index(c, i);
		json_t *fp = json_is_object(entry) ? json_object_get(entry, "fingerprint") : NULL;
		int rc = 0;
		if (!json_is_string(fp) || !is_fingerprint(json_string_value(fp)))
			rc = pf_json_fail(c, NULL,
			                  "a finding without a fingerprint of 32 hex digits");
		pf_json_pop(c);
		if (rc)
			return rc;
		if (!json_object_get(entry, "sources"))
			b->version = 1; /* written before one finding per sink call */
		add_fingerprint(b, &cap, json_string_value(fp));
	}
	pf_json_pop(c);
	return 0;
}

/* A SARIF log: partialFingerprints of the results without suppressions. */
static int parse_sarif_report(struct pf_json_cursor *c, json_t *runs, struct pf_baseline *b)
{
	size_t cap = 0, r, i;
	json_t *run, *res;
	b->version = 2;
	json_array_foreach(runs, r, run)
	{
		json_t *results = json_object_get(run, "results");
		json_array_foreach(results, i, res)
		{
			if (json_object_get(res, "suppressions"))
				continue;
			json_t *pfp = json_object_get(res, "partialFingerprints");
			json_t *fp = json_object_get(pfp, "piiflow/v2");
			if (!fp && (fp = json_object_get(pfp, "piiflow/v1")))
				b->version = 1;
			if (!fp)
				continue; /* a diagnostic, not a flow */
			const char *s = json_string_value(fp);
			if (!s || strlen(s) < 32) {
				pf_json_push_key(c, "runs");
				pf_json_push_index(c, r);
				return pf_json_fail(
				    c, NULL,
				    "result %zu: a piiflow fingerprint of 32 hex digits "
				    "(with :N) was expected",
				    i);
			}
			char head[33];
			memcpy(head, s, 32);
			head[32] = '\0';
			if (!is_fingerprint(head) || (s[32] && s[32] != ':'))
				return pf_json_fail(c, NULL,
				                    "result %zu: not a piiflow fingerprint", i);
			add_fingerprint(b, &cap, head);
		}
	}
	return 0;
}

/* A JSON or SARIF report of piiflow's. */
static int parse_report(struct pf_json_cursor *c, json_t *root, struct pf_baseline *b)
{
	json_t *findings = json_object_get(root, "findings");
	json_t *runs = json_object_get(root, "runs");
	int rc;
	if (json_is_array(findings) && json_object_get(root, "tool"))
		rc = parse_json_report(c, findings, b);
	else if (json_is_array(runs))
		rc = parse_sarif_report(c, runs, b);
	else
		rc = pf_json_fail(c, NULL,
		                  "not a piiflow report: want the JSON (--format json) or SARIF "
		                  "(--format sarif) report of the base build");
	if (rc == 0 && b->n > 1)
		qsort(b->fingerprints, b->n, sizeof(*b->fingerprints), fp_cmp);
	return rc;
}

int pf_baseline_load_report(struct pf_baseline *b, const char *path, struct pf_error *err)
{
	return load_doc(b, path, "report", parse_report, err);
}

void pf_baseline_from_report(struct pf_baseline *b, const struct pf_report *r)
{
	size_t cap = 0;
	pf_baseline_init(b);
	b->version = 2;
	for (size_t i = 0; i < r->nfindings; i++)
		add_fingerprint(b, &cap, r->findings[i].fingerprint);
	if (b->n > 1)
		qsort(b->fingerprints, b->n, sizeof(*b->fingerprints), fp_cmp);
}

/* ---- matching ------------------------------------------------------------ */

/* The first untaken copy of fp in b, or b->n. */
static size_t find_untaken(const struct pf_baseline *b, const bool *taken, const char *fp)
{
	if (b->n == 0)
		return 0;
	char(*hit)[33] = bsearch(fp, b->fingerprints, b->n, sizeof(*b->fingerprints), fp_cmp);
	size_t k = hit ? (size_t)(hit - b->fingerprints) : b->n;
	while (k > 0 && k < b->n && strcmp(b->fingerprints[k - 1], b->fingerprints[k]) == 0)
		k--;
	while (k < b->n && taken[k] && strcmp(b->fingerprints[k], fp) == 0)
		k++;
	if (k < b->n && !taken[k] && strcmp(b->fingerprints[k], fp) == 0)
		return k;
	return b->n;
}

/* Takes what matches f: its fingerprint (version 2), or the version 1
 * fingerprints of all of its sources, or nothing. */
static bool take(const struct pf_baseline *b, bool *taken, const struct pf_finding *f)
{
	if (b->version != 1) {
		size_t k = find_untaken(b, taken, f->fingerprint);
		if (k == b->n)
			return false;
		taken[k] = true;
		return true;
	}
	size_t n = f->nsources ? f->nsources : 1;
	size_t *got = pf_xcalloc(n, sizeof(*got));
	for (size_t i = 0; i < n; i++)
		got[i] = b->n;
	bool all = true;
	for (size_t i = 0; i < n && all; i++) {
		char fp[33];
		pf_finding_fingerprint_v1(f, i, fp);
		got[i] = find_untaken(b, taken, fp);
		if (got[i] == b->n)
			all = false;
		else
			taken[got[i]] = true;
	}
	if (!all) /* give back what this finding took */
		for (size_t i = 0; i < n; i++)
			if (got[i] < b->n)
				taken[got[i]] = false;
	free(got);
	return all;
}

void pf_baseline_apply(const struct pf_baseline *b, struct pf_report *r, const char *reason)
{
	pf_report_sort(r);
	bool *taken = pf_xcalloc(b->n + 1, sizeof(*taken));
	for (size_t i = 0; i < r->nfindings;) {
		if (take(b, taken, &r->findings[i]))
			pf_report_accept(r, i, "baseline", reason);
		else
			i++;
	}
	free(taken);
}

/* ---- writing -------------------------------------------------------------- */

static void set(json_t *obj, const char *key, const char *s)
{
	json_object_set_new(obj, key, json_string(s ? s : ""));
}

static json_t *entry_json(const struct pf_finding *f)
{
	json_t *o = json_object();
	set(o, "fingerprint", f->fingerprint);
	set(o, "rule", f->rule);
	json_t *sink = json_object();
	set(sink, "file", f->sink.file);
	set(sink, "function", f->sink_function);
	set(sink, "callee", f->sink_callee);
	json_object_set_new(sink, "argument", json_integer(f->sink_argument));
	json_object_set_new(o, "sink", sink);
	json_t *sources = json_array();
	for (size_t i = 0; i < f->nsources; i++) {
		json_t *source = json_object();
		set(source, "category", f->sources[i].category);
		set(source, "file", f->sources[i].pos.file);
		set(source, "function", f->sources[i].function);
		set(source, "name", f->sources[i].name);
		json_array_append_new(sources, source);
	}
	json_object_set_new(o, "sources", sources);
	return o;
}

static int str_cmp(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

/* A reader's order: by sink file and function, then the rest of the names. */
static int entry_cmp(const void *pa, const void *pb)
{
	const struct pf_finding *a = *(const struct pf_finding *const *)pa;
	const struct pf_finding *b = *(const struct pf_finding *const *)pb;
	int c = str_cmp(a->sink.file, b->sink.file);
	c = c ? c : str_cmp(a->sink_function, b->sink_function);
	c = c ? c : str_cmp(a->sink_callee, b->sink_callee);
	c = c ? c : (a->sink_argument > b->sink_argument) - (a->sink_argument < b->sink_argument);
	c = c ? c : str_cmp(a->rule, b->rule);
	c = c ? c : strcmp(a->fingerprint, b->fingerprint);
	return c;
}

int pf_baseline_write(const struct pf_report *r, const char *path, struct pf_error *err)
{
	const struct pf_finding **v = pf_xcalloc(r->nfindings + r->naccepted + 1, sizeof(*v));
	size_t n = 0;
	for (size_t i = 0; i < r->nfindings; i++)
		v[n++] = &r->findings[i];
	for (size_t i = 0; i < r->naccepted; i++)
		if (r->accepted[i].accepted_by &&
		    strcmp(r->accepted[i].accepted_by, "baseline") == 0)
			v[n++] = &r->accepted[i];
	if (n > 1)
		qsort(v, n, sizeof(*v), entry_cmp);

	json_t *root = json_object();
	json_object_set_new(root, "piiflow_baseline", json_integer(PF_BASELINE_VERSION));
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, entry_json(v[i]));
	json_object_set_new(root, "findings", list);
	free(v);

	size_t tlen = strlen(path) + 32;
	char *tmp = pf_xmalloc(tlen);
	snprintf(tmp, tlen, "%s.tmp.%ld", path, (long)getpid());
	int rc = -1;
	FILE *out = fopen(tmp, "w");
	if (out) {
		rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_SORT_KEYS) == 0 &&
		             fputc('\n', out) != EOF
		         ? 0
		         : -1;
		if (fclose(out) != 0)
			rc = -1;
		if (rc == 0 && rename(tmp, path) != 0)
			rc = -1;
		if (rc != 0) {
			int saved = errno;
			unlink(tmp);
			errno = saved;
		}
	}
	if (rc != 0) {
		pf_error_begin(err, path);
		pf_error_set(err, "cannot write baseline: %s", strerror(errno ? errno : EIO));
	}
	free(tmp);
	json_decref(root);
	return rc;
}
