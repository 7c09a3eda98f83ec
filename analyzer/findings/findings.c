/*
 * The report model: every finding and diagnostic of a run, owned by one
 * pf_report, in the order the reporters print them. Findings are identified
 * across runs by a fingerprint over names only, so that a baseline survives
 * edits that move lines or files; the sort is total over every field so that
 * two runs print byte-identical reports whatever order the engine found
 * things in.
 */
#include "findings.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "findings/findings_int.h"
#include "util/xalloc.h"

/* Separates the fields hashed into a fingerprint: the ASCII unit separator
 * cannot occur in a C identifier, a category key or a rule id, so no two
 * different tuples of names hash the same bytes. */
#define PF_FP_SEP '\x1f'

void pf_report_init(struct pf_report *r)
{
	memset(r, 0, sizeof(*r));
}

static void trace_release(struct pf_trace_step *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(t[i].pos.file);
		free(t[i].message);
	}
	free(t);
}

/* A finding's own fields for its first source (category, source,
 * source_name, ...), seen as a source. */
static struct pf_finding_source finding_head(const struct pf_finding *f)
{
	return (struct pf_finding_source){f->category,        f->source,     f->source_name,
	                                  f->source_function, f->source_how, f->trace,
	                                  f->ntrace};
}

static void source_release(struct pf_finding_source *s)
{
	free(s->category);
	free(s->pos.file);
	free(s->name);
	free(s->function);
	free(s->how);
	trace_release(s->trace, s->ntrace);
}

void pf_finding_release(void *p)
{
	struct pf_finding *f = p;
	struct pf_finding_source head = finding_head(f);
	source_release(&head);
	for (size_t i = 0; i < f->nsources; i++)
		source_release(&f->sources[i]);
	free(f->sources);
	free(f->rule);
	free(f->message);
	free(f->purpose);
	free(f->sink.file);
	free(f->sink_function);
	free(f->sink_callee);
	free(f->endpoint);
	free(f->sink_param);
	free(f->accepted_by);
	free(f->reason);
	free(f->consent_function);
	free(f->consent.file);
	memset(f, 0, sizeof(*f));
}

void pf_diagnostic_release(void *p)
{
	struct pf_diagnostic *d = p;
	free(d->rule);
	free(d->pos.file);
	free(d->message);
	memset(d, 0, sizeof(*d));
}

void pf_release_array(void *v, size_t n, size_t size, void (*release)(void *))
{
	for (size_t i = 0; i < n; i++)
		release((char *)v + i * size);
	free(v);
}

void pf_report_free(struct pf_report *r)
{
	pf_release_array(r->findings, r->nfindings, sizeof(*r->findings), pf_finding_release);
	pf_release_array(r->accepted, r->naccepted, sizeof(*r->accepted), pf_finding_release);
	pf_release_array(r->diagnostics, r->ndiagnostics, sizeof(*r->diagnostics),
	                 pf_diagnostic_release);
	pf_report_clear_decls(r);
	pf_report_init(r);
}

static char *dup_or_null(const char *s)
{
	return s ? pf_xstrdup(s) : NULL;
}

static struct pf_pos pos_copy(const struct pf_pos *p)
{
	struct pf_pos c = {pf_xstrdup(p->file), p->line, p->column};
	return c;
}

static struct pf_trace_step *trace_copy(const struct pf_trace_step *t, size_t n)
{
	if (!n)
		return NULL;
	struct pf_trace_step *c = pf_xcalloc(n, sizeof(*c));
	for (size_t i = 0; i < n; i++) {
		c[i].pos = pos_copy(&t[i].pos);
		c[i].message = pf_xstrdup(t[i].message);
	}
	return c;
}

static void source_copy(struct pf_finding_source *dst, const struct pf_finding_source *src)
{
	dst->category = pf_xstrdup(src->category);
	dst->pos = pos_copy(&src->pos);
	dst->name = pf_xstrdup(src->name);
	dst->function = pf_xstrdup(src->function);
	dst->how = dup_or_null(src->how);
	dst->trace = trace_copy(src->trace, src->ntrace);
	dst->ntrace = src->ntrace;
}

static void finding_copy(struct pf_finding *dst, const struct pf_finding *src)
{
	memset(dst, 0, sizeof(*dst));
	dst->rule = pf_xstrdup(src->rule);
	dst->severity = src->severity;
	dst->purpose = pf_xstrdup(src->purpose);
	if (src->nsources) {
		dst->sources = pf_xcalloc(src->nsources, sizeof(*dst->sources));
		for (size_t i = 0; i < src->nsources; i++)
			source_copy(&dst->sources[i], &src->sources[i]);
		dst->nsources = src->nsources;
	} else {
		/* one flow given by the source fields */
		struct pf_finding_source one = finding_head(src);
		dst->sources = pf_xcalloc(1, sizeof(*dst->sources));
		source_copy(&dst->sources[0], &one);
		dst->nsources = 1;
	}
	struct pf_finding_source head;
	source_copy(&head, &dst->sources[0]);
	dst->category = head.category;
	dst->source = head.pos;
	dst->source_name = head.name;
	dst->source_function = head.function;
	dst->source_how = head.how;
	dst->trace = head.trace;
	dst->ntrace = head.ntrace;
	dst->sink = pos_copy(&src->sink);
	dst->sink_function = pf_xstrdup(src->sink_function);
	dst->sink_callee = pf_xstrdup(src->sink_callee);
	dst->sink_argument = src->sink_argument;
	dst->endpoint = dup_or_null(src->endpoint);
	dst->sink_param = dup_or_null(src->sink_param);
	dst->rank = src->rank;
	dst->accepted_by = dup_or_null(src->accepted_by);
	dst->reason = dup_or_null(src->reason);
	dst->consent_function = dup_or_null(src->consent_function);
	dst->consent =
	    (struct pf_pos){dup_or_null(src->consent.file), src->consent.line, src->consent.column};
	/* The composed message and the fingerprint read the copied fields. */
	if (src->message && src->message[0])
		dst->message = pf_xstrdup(src->message);
	else
		dst->message = pf_finding_compose_message(dst);
	memcpy(dst->fingerprint, src->fingerprint, sizeof(dst->fingerprint));
	dst->fingerprint[sizeof(dst->fingerprint) - 1] = '\0';
	if (!dst->fingerprint[0])
		pf_finding_fingerprint(dst);
}

void pf_report_add_finding(struct pf_report *r, const struct pf_finding *f)
{
	struct pf_finding *slot;
	if (f->accepted_by)
		slot = pf_xgrow((void **)&r->accepted, &r->naccepted, &r->capaccepted,
		                sizeof(*r->accepted));
	else
		slot = pf_xgrow((void **)&r->findings, &r->nfindings, &r->capfindings,
		                sizeof(*r->findings));
	finding_copy(slot, f);
}

void pf_report_add_diagnostic(struct pf_report *r, const char *rule, enum pf_severity sev,
                              const char *file, unsigned line, unsigned column, const char *message)
{
	struct pf_diagnostic *d = pf_xgrow((void **)&r->diagnostics, &r->ndiagnostics,
	                                   &r->capdiagnostics, sizeof(*r->diagnostics));
	d->rule = pf_xstrdup(rule);
	d->severity = sev;
	d->pos.file = pf_xstrdup(file);
	d->pos.line = line;
	d->pos.column = column;
	d->message = pf_xstrdup(message);
}

void pf_report_accept(struct pf_report *r, size_t i, const char *accepted_by, const char *reason)
{
	if (i >= r->nfindings)
		return;
	struct pf_finding *slot =
	    pf_xgrow((void **)&r->accepted, &r->naccepted, &r->capaccepted, sizeof(*r->accepted));
	/* The strings change owner; only the array slot moves. */
	*slot = r->findings[i];
	free(slot->accepted_by);
	free(slot->reason);
	slot->accepted_by = pf_xstrdup(accepted_by);
	slot->reason = dup_or_null(reason);
	memmove(&r->findings[i], &r->findings[i + 1],
	        (r->nfindings - i - 1) * sizeof(*r->findings));
	r->nfindings--;
}

/* Appends s and a separator to the buffer being hashed. */
static void fp_append(char **buf, size_t *len, size_t *cap, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (*len + n + 1 > *cap) {
		*cap = (*len + n + 1) * 2;
		*buf = pf_xrealloc(*buf, *cap);
	}
	if (n)
		memcpy(*buf + *len, s, n);
	(*buf)[*len + n] = PF_FP_SEP;
	*len += n + 1;
}

static void fp_hex(const char *buf, size_t len, char out[33])
{
	XXH128_canonical_t canon;
	XXH128_canonicalFromHash(&canon, XXH3_128bits(buf, len));
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < sizeof(canon.digest); i++) {
		out[2 * i] = hex[canon.digest[i] >> 4];
		out[2 * i + 1] = hex[canon.digest[i] & 0xf];
	}
	out[32] = '\0';
}

static int cstr_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The categories of f's sources, sorted, each once; *n of them. The array
 * points into f; the caller frees the array. */
static const char **finding_categories(const struct pf_finding *f, size_t *n)
{
	const char **v = pf_xcalloc(f->nsources + 1, sizeof(*v));
	size_t k = 0;
	if (!f->nsources)
		v[k++] = f->category ? f->category : "";
	for (size_t i = 0; i < f->nsources; i++)
		v[k++] = f->sources[i].category ? f->sources[i].category : "";
	qsort(v, k, sizeof(*v), cstr_ptr_cmp);
	size_t u = 0;
	for (size_t i = 0; i < k; i++)
		if (!u || strcmp(v[u - 1], v[i]) != 0)
			v[u++] = v[i];
	*n = u;
	return v;
}

/* The key of a finding without its rank: the rule, the sink's callee,
 * argument and function, then the categories, each followed by 0x1F, into
 * a heap buffer of *len bytes. */
static char *fp_key(const struct pf_finding *f, size_t *len)
{
	char arg[24];
	size_t cap = 256;
	char *buf = pf_xmalloc(cap);
	*len = 0;
	snprintf(arg, sizeof(arg), "%d", f->sink_argument);
	fp_append(&buf, len, &cap, "piiflow-fingerprint-2");
	fp_append(&buf, len, &cap, f->rule);
	fp_append(&buf, len, &cap, f->sink_callee);
	fp_append(&buf, len, &cap, arg);
	fp_append(&buf, len, &cap, f->sink_function);
	size_t ncat;
	const char **cats = finding_categories(f, &ncat);
	for (size_t i = 0; i < ncat; i++)
		fp_append(&buf, len, &cap, cats[i]);
	free(cats);
	return buf;
}

/* Version 2: the key of fp_key and the rank in decimal. Changing this
 * changes every fingerprint and invalidates users' baselines: do it only
 * with a migration (see policy/baseline.c) and a new partialFingerprints
 * key in the SARIF output. */
void pf_finding_fingerprint(struct pf_finding *f)
{
	char rank[24];
	size_t len, cap;
	char *buf = fp_key(f, &len);
	cap = len;
	snprintf(rank, sizeof(rank), "%u", f->rank);
	fp_append(&buf, &len, &cap, rank);
	fp_hex(buf, len, f->fingerprint);
	free(buf);
}

/* Version 1 hashed, in this order and each followed by 0x1F: the rule, the
 * category, the source's name and function, the sink's callee, the sink
 * argument in decimal, and the sink's function. Kept to read baselines of
 * version 1; never change it. */
void pf_finding_fingerprint_v1(const struct pf_finding *f, size_t i, char out[33])
{
	const char *category = f->category, *name = f->source_name, *function = f->source_function;
	if (i < f->nsources) {
		category = f->sources[i].category;
		name = f->sources[i].name;
		function = f->sources[i].function;
	}
	char arg[24];
	size_t len = 0, cap = 256;
	char *buf = pf_xmalloc(cap);
	snprintf(arg, sizeof(arg), "%d", f->sink_argument);
	fp_append(&buf, &len, &cap, f->rule);
	fp_append(&buf, &len, &cap, category);
	fp_append(&buf, &len, &cap, name);
	fp_append(&buf, &len, &cap, function);
	fp_append(&buf, &len, &cap, f->sink_callee);
	fp_append(&buf, &len, &cap, arg);
	fp_append(&buf, &len, &cap, f->sink_function);
	fp_hex(buf, len, out);
	free(buf);
}

struct rank_item {
	struct pf_finding *f;
	char key[33]; /* hash of fp_key */
};

static int rank_item_cmp(const void *pa, const void *pb)
{
	const struct rank_item *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);
	if (!c)
		c = pf_field_pos(&a->f->sink, &b->f->sink);
	return c;
}

void pf_report_rank(struct pf_report *r)
{
	size_t n = r->nfindings + r->naccepted;
	struct rank_item *v = pf_xcalloc(n + 1, sizeof(*v));
	for (size_t i = 0; i < n; i++) {
		v[i].f = i < r->nfindings ? &r->findings[i] : &r->accepted[i - r->nfindings];
		size_t len;
		char *key = fp_key(v[i].f, &len);
		fp_hex(key, len, v[i].key);
		free(key);
	}
	qsort(v, n, sizeof(*v), rank_item_cmp);
	unsigned rank = 0;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && strcmp(v[i - 1].key, v[i].key) == 0) {
			if (pf_field_pos(&v[i - 1].f->sink, &v[i].f->sink) != 0)
				rank++;
		} else {
			rank = 0;
		}
		v[i].f->rank = rank;
		pf_finding_fingerprint(v[i].f);
	}
	free(v);
}

size_t pf_report_count_at_least(const struct pf_report *r, enum pf_severity sev)
{
	size_t n = 0;
	for (size_t i = 0; i < r->nfindings; i++)
		n += r->findings[i].severity >= sev;
	return n;
}

size_t pf_report_count_diagnostics_at_least(const struct pf_report *r, enum pf_severity sev)
{
	size_t n = 0;
	for (size_t i = 0; i < r->ndiagnostics; i++)
		n += r->diagnostics[i].severity >= sev;
	return n;
}

struct pf_summary_counts pf_report_summary(const struct pf_report *r)
{
	struct pf_summary_counts s = r->summary;
	s.findings = (unsigned)r->nfindings;
	s.suppressed = s.baselined = s.consented = 0;
	for (size_t i = 0; i < r->naccepted; i++) {
		const char *by = r->accepted[i].accepted_by;
		if (!by)
			continue;
		if (strcmp(by, "suppression") == 0)
			s.suppressed++;
		else if (strcmp(by, "baseline") == 0)
			s.baselined++;
		else if (strcmp(by, "consent") == 0)
			s.consented++;
	}
	return s;
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

char *pf_finding_compose_message(const struct pf_finding *f)
{
	size_t ncat;
	const char **cats = finding_categories(f, &ncat);
	/* the first source's category first, then the others sorted */
	const char *first = f->nsources ? f->sources[0].category : f->category;
	size_t cap = 64, len = 0;
	char *list = pf_xmalloc(cap);
	list[0] = '\0';
	size_t k = 0;
	for (size_t i = 0; i <= ncat; i++) {
		const char *c = i == 0 ? or_empty(first) : cats[i - 1];
		if (i > 0 && strcmp(c, or_empty(first)) == 0)
			continue;
		const char *sep = k == 0 ? "" : (k + 1 == ncat ? " and " : ", ");
		size_t need = len + strlen(sep) + strlen(c) + 3;
		if (need > cap) {
			cap = need * 2;
			list = pf_xrealloc(list, cap);
		}
		len += (size_t)sprintf(list + len, "%s'%s'", sep, c);
		k++;
	}
	free(cats);
	/* "argument 2 'msg'": counted from 1 as compilers count them, with the
	 * parameter's name where the declaration gives one, so that it reads
	 * the same to whoever counts from 0 (rules files, JSON) */
	char arg[160];
	if (f->sink_param && f->sink_param[0])
		snprintf(arg, sizeof(arg), "argument %d '%.128s'", f->sink_argument + 1,
		         f->sink_param);
	else
		snprintf(arg, sizeof(arg), "argument %d", f->sink_argument + 1);
	char *m;
	if (f->endpoint && f->endpoint[0])
		m = pf_xasprintf("personal data %s reaches %s sink '%s' (%s) sending to '%s'", list,
		                 or_empty(f->purpose), or_empty(f->sink_callee), arg, f->endpoint);
	else
		m = pf_xasprintf("personal data %s reaches %s sink '%s' (%s)", list,
		                 or_empty(f->purpose), or_empty(f->sink_callee), arg);
	free(list);
	return m;
}

char *pf_finding_source_note_of(const struct pf_finding_source *s)
{
	return pf_xasprintf("'%s' %s (%s) here", or_empty(s->name),
	                    s->how ? s->how : "is declared personal data", or_empty(s->category));
}

char *pf_finding_source_note(const struct pf_finding *f)
{
	return pf_xasprintf("'%s' %s (%s) here", or_empty(f->source_name),
	                    f->source_how ? f->source_how : "is declared personal data",
	                    or_empty(f->category));
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

char *pf_finding_consent_text(const struct pf_finding *f)
{
	if (!f->consent_function || !f->consent_function[0])
		return pf_xasprintf("consent for %s", or_empty(f->purpose));
	if (!f->consent.file || !f->consent.file[0] || !f->consent.line)
		return pf_xasprintf("consent checked by '%s'", f->consent_function);
	if (!f->consent.column)
		return pf_xasprintf("consent checked by '%s' at %s:%u", f->consent_function,
		                    f->consent.file, f->consent.line);
	return pf_xasprintf("consent checked by '%s' at %s:%u:%u", f->consent_function,
	                    f->consent.file, f->consent.line, f->consent.column);
}

char *pf_report_summary_line(const struct pf_report *r)
{
	struct pf_summary_counts s = pf_report_summary(r);
	size_t errors = 0, warnings = 0;
	for (size_t i = 0; i < r->nfindings; i++) {
		if (r->findings[i].severity == PF_SEV_ERROR)
			errors++;
		else
			warnings++;
	}
	double secs = s.seconds > 0 && s.seconds < 1e9 ? s.seconds : 0;
	return pf_xasprintf("piiflow: %zu %s, %zu %s; %u accepted (%u by consent, %u by the "
	                    "baseline), %u suppressed; %u translation %s, %u %s analyzed "
	                    "in %.2f s",
	                    errors, plural(errors, "error", "errors"), warnings,
	                    plural(warnings, "warning", "warnings"), s.consented + s.baselined,
	                    s.consented, s.baselined, s.suppressed, s.translation_units,
	                    plural(s.translation_units, "unit", "units"), s.functions,
	                    plural(s.functions, "function", "functions"), secs);
}

const char *pf_severity_name(enum pf_severity s)
{
	switch (s) {
	case PF_SEV_NOTE:
		return "note";
	case PF_SEV_WARNING:
		return "warning";
	case PF_SEV_ERROR:
		return "error";
	}
	return "error";
}
