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

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "policy/locate.h"
#include "util/xalloc.h"

#define PF_BASELINE_VERSION 1

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
	if (!json_is_integer(version) || json_integer_value(version) != PF_BASELINE_VERSION)
		return pf_json_fail(c, "piiflow_baseline",
		                    "unsupported baseline version (this piiflow reads version %d)",
		                    PF_BASELINE_VERSION);
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

int pf_baseline_load(struct pf_baseline *b, const char *path, struct pf_policy_error *err)
{
	char *text = NULL;
	size_t len = 0;
	json_t *root = NULL;
	int rc = -1;
	pf_baseline_init(b);
	pf_json_error_begin(err, path);
	if (pf_policy_read_file(path, &text, &len) != 0) {
		snprintf(err->message, sizeof(err->message), "cannot read baseline: %s",
		         strerror(errno));
		goto done;
	}
	json_error_t jerr;
	root = json_loadb(text, len, 0, &jerr);
	if (!root) {
		err->line = jerr.line > 0 ? jerr.line : 0;
		err->column = jerr.column > 0 ? jerr.column : 0;
		snprintf(err->message, sizeof(err->message), "invalid JSON: %s", jerr.text);
		goto done;
	}
	struct pf_json_cursor c = {.text = text, .len = len, .err = err};
	rc = parse_doc(&c, root, b);
done:
	if (rc)
		pf_baseline_free(b);
	json_decref(root);
	free(text);
	return rc;
}

void pf_baseline_apply(const struct pf_baseline *b, struct pf_report *r)
{
	pf_report_sort(r);
	bool *taken = pf_xcalloc(b->n + 1, sizeof(*taken));
	for (size_t i = 0; i < r->nfindings;) {
		char(*hit)[33] = bsearch(r->findings[i].fingerprint, b->fingerprints, b->n,
		                         sizeof(*b->fingerprints), fp_cmp);
		/* The first untaken copy of the fingerprint, if any is left. */
		size_t k = hit ? (size_t)(hit - b->fingerprints) : b->n;
		while (k > 0 && k < b->n && strcmp(b->fingerprints[k - 1], b->fingerprints[k]) == 0)
			k--;
		while (k < b->n && taken[k] &&
		       strcmp(b->fingerprints[k], r->findings[i].fingerprint) == 0)
			k++;
		if (k < b->n && !taken[k] &&
		    strcmp(b->fingerprints[k], r->findings[i].fingerprint) == 0) {
			taken[k] = true;
			pf_report_accept(r, i, "baseline", NULL);
		} else {
			i++;
		}
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
	set(o, "category", f->category);
	json_t *sink = json_object();
	set(sink, "file", f->sink.file);
	set(sink, "function", f->sink_function);
	set(sink, "callee", f->sink_callee);
	json_object_set_new(sink, "argument", json_integer(f->sink_argument));
	json_object_set_new(o, "sink", sink);
	json_t *source = json_object();
	set(source, "file", f->source.file);
	set(source, "function", f->source_function);
	set(source, "name", f->source_name);
	json_object_set_new(o, "source", source);
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
	if (!c)
		c = str_cmp(a->sink_function, b->sink_function);
	if (!c)
		c = str_cmp(a->sink_callee, b->sink_callee);
	if (!c)
		c = (a->sink_argument > b->sink_argument) - (a->sink_argument < b->sink_argument);
	if (!c)
		c = str_cmp(a->rule, b->rule);
	if (!c)
		c = str_cmp(a->category, b->category);
	if (!c)
		c = str_cmp(a->source.file, b->source.file);
	if (!c)
		c = str_cmp(a->source_function, b->source_function);
	if (!c)
		c = str_cmp(a->source_name, b->source_name);
	if (!c)
		c = strcmp(a->fingerprint, b->fingerprint);
	return c;
}

int pf_baseline_write(const struct pf_report *r, const char *path, char *err, size_t errsize)
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
	if (rc != 0)
		snprintf(err, errsize, "%s: cannot write baseline: %s", path,
		         strerror(errno ? errno : EIO));
	free(tmp);
	json_decref(root);
	return rc;
}
