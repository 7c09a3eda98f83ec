/*
 * Merging the reports of several engine runs into one, as if one run had
 * found everything: a compile database with several programs is analyzed
 * one program at a time (engine/programs.c), and a sink call in code two
 * programs share is then reached in both. SPEC section 5 wants one finding
 * per sink call site, argument and purpose, listing every source once with
 * its shortest trace, and consented flows apart: a source that reaches the
 * call without consent in any run is a violation, never also accepted.
 */
#include "findings.h"

#include <stdlib.h>
#include <string.h>

#include "findings/findings_int.h"
#include "util/xalloc.h"

static int str_cmp(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int uint_cmp(unsigned a, unsigned b)
{
	return (a > b) - (a < b);
}

/* The sink call a finding is about: the key of SPEC's "one finding per
 * sink call site, argument and purpose". */
static int site_cmp(const struct pf_finding *a, const struct pf_finding *b)
{
	int c = str_cmp(a->rule, b->rule);
	if (!c)
		c = str_cmp(a->purpose, b->purpose);
	if (!c)
		c = pf_field_pos(&a->sink, &b->sink);
	if (!c)
		c = str_cmp(a->sink_callee, b->sink_callee);
	if (!c)
		c = (a->sink_argument > b->sink_argument) - (a->sink_argument < b->sink_argument);
	if (!c)
		c = str_cmp(a->sink_function, b->sink_function);
	if (!c)
		c = str_cmp(a->endpoint, b->endpoint);
	return c;
}

/* One source, whichever trace it came with. */
static int source_cmp(const struct pf_finding_source *a, const struct pf_finding_source *b)
{
	int c = str_cmp(a->category, b->category);
	if (!c)
		c = pf_field_pos(&a->pos, &b->pos);
	if (!c)
		c = str_cmp(a->name, b->name);
	if (!c)
		c = str_cmp(a->function, b->function);
	return c;
}

/* A source of one of the findings merged; seq is its place among them, the
 * earlier run first. */
struct seen_source {
	const struct pf_finding_source *s;
	size_t seq;
};

/* The engine's order of a finding's sources (engine/solve.c): by source,
 * the shorter trace first, then the earlier run's. */
static int source_order(const void *pa, const void *pb)
{
	const struct seen_source *a = pa, *b = pb;
	int c = source_cmp(a->s, b->s);
	if (!c)
		c = uint_cmp((unsigned)a->s->ntrace, (unsigned)b->s->ntrace);
	return c ? c : (a->seq > b->seq) - (a->seq < b->seq);
}

struct ref {
	const struct pf_finding *f;
	unsigned from; /* 0: dst, 1: src; dst first among equals */
};

static int ref_cmp(const void *pa, const void *pb)
{
	const struct ref *a = pa, *b = pb;
	int c = site_cmp(a->f, b->f);
	return c ? c : uint_cmp(a->from, b->from);
}

/* Whether s is among the sources of the findings v[0..n). */
static bool listed(const struct ref *v, size_t n, const struct pf_finding_source *s)
{
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < v[i].f->nsources; k++)
			if (!source_cmp(&v[i].f->sources[k], s))
				return true;
	return false;
}

/* Adds to out one finding for the sink call of v[0..n) (all consented, or
 * none), with every source of theirs once, its shortest trace, less those
 * listed in drop[0..ndrop) (the unconsented flows of the same call). */
static void emit(struct pf_report *out, const struct ref *v, size_t n, const struct ref *drop,
                 size_t ndrop)
{
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += v[i].f->nsources;
	struct seen_source *all = pf_xcalloc(total + 1, sizeof(*all));
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < v[i].f->nsources; k++)
			if (!listed(drop, ndrop, &v[i].f->sources[k])) {
				all[m] = (struct seen_source){&v[i].f->sources[k], m};
				m++;
			}
	qsort(all, m, sizeof(*all), source_order);
	struct pf_finding_source *srcs = pf_xcalloc(m + 1, sizeof(*srcs));
	size_t k = 0;
	for (size_t i = 0; i < m; i++)
		if (!k || source_cmp(all[i].s, &srcs[k - 1]))
			srcs[k++] = *all[i].s; /* shared, copied by pf_report_add_finding */
	if (k) {
		struct pf_finding f = *v[0].f;
		f.sources = srcs;
		f.nsources = k;
		f.message = NULL; /* composed again: the categories may be more */
		f.fingerprint[0] = '\0';
		for (size_t i = 0; i < n && !f.sink_param; i++)
			f.sink_param = v[i].f->sink_param;
		for (size_t i = 0; i < n && !f.consent_function; i++) {
			f.consent_function = v[i].f->consent_function;
			f.consent = v[i].f->consent;
		}
		pf_report_add_finding(out, &f);
	}
	free(srcs);
	free(all);
}

static bool same_diagnostic(const struct pf_diagnostic *a, const struct pf_diagnostic *b)
{
	return !str_cmp(a->rule, b->rule) && a->severity == b->severity &&
	       !pf_field_pos(&a->pos, &b->pos) && !str_cmp(a->message, b->message);
}

void pf_report_keep_common(struct pf_report *r, const char *rule, const struct pf_report *keep)
{
	size_t n = 0;
	for (size_t i = 0; i < r->ndiagnostics; i++) {
		struct pf_diagnostic *d = &r->diagnostics[i];
		bool kept = str_cmp(d->rule, rule) != 0;
		for (size_t x = 0; x < keep->ndiagnostics && !kept; x++)
			kept = same_diagnostic(&keep->diagnostics[x], d);
		if (kept)
			r->diagnostics[n++] = *d;
		else
			pf_diagnostic_release(d);
	}
	r->ndiagnostics = n;
}

void pf_report_merge(struct pf_report *dst, const struct pf_report *src)
{
	size_t n = dst->nfindings + dst->naccepted + src->nfindings + src->naccepted;
	struct ref *v = pf_xcalloc(n + 1, sizeof(*v));
	size_t k = 0;
	for (size_t i = 0; i < dst->nfindings; i++)
		v[k++] = (struct ref){&dst->findings[i], 0};
	for (size_t i = 0; i < dst->naccepted; i++)
		v[k++] = (struct ref){&dst->accepted[i], 0};
	for (size_t i = 0; i < src->nfindings; i++)
		v[k++] = (struct ref){&src->findings[i], 1};
	for (size_t i = 0; i < src->naccepted; i++)
		v[k++] = (struct ref){&src->accepted[i], 1};
	qsort(v, n, sizeof(*v), ref_cmp);
	struct pf_report out;
	pf_report_init(&out);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && !site_cmp(v[i].f, v[j].f))
			j++;
		/* the call's violations, then its accepted flows (only consent
		 * accepts flows before the filters run) */
		struct ref *open = pf_xcalloc(j - i + 1, sizeof(*open));
		struct ref *ok = pf_xcalloc(j - i + 1, sizeof(*ok));
		size_t nopen = 0, nok = 0;
		for (size_t x = i; x < j; x++) {
			if (v[x].f->accepted_by)
				ok[nok++] = v[x];
			else
				open[nopen++] = v[x];
		}
		if (nopen)
			emit(&out, open, nopen, NULL, 0);
		if (nok)
			emit(&out, ok, nok, open, nopen);
		free(open);
		free(ok);
		i = j;
	}
	free(v);
	pf_release_array(dst->findings, dst->nfindings, sizeof(*dst->findings), pf_finding_release);
	pf_release_array(dst->accepted, dst->naccepted, sizeof(*dst->accepted), pf_finding_release);
	dst->findings = out.findings;
	dst->nfindings = out.nfindings;
	dst->capfindings = out.capfindings;
	dst->accepted = out.accepted;
	dst->naccepted = out.naccepted;
	dst->capaccepted = out.capaccepted;
	for (size_t i = 0; i < src->ndiagnostics; i++) {
		const struct pf_diagnostic *d = &src->diagnostics[i];
		bool seen = false;
		for (size_t x = 0; x < dst->ndiagnostics && !seen; x++)
			seen = same_diagnostic(&dst->diagnostics[x], d);
		if (!seen)
			pf_report_add_diagnostic(dst, d->rule, d->severity, d->pos.file,
			                         d->pos.line, d->pos.column, d->message);
	}
	for (size_t i = 0; i < src->nsources; i++) {
		const struct pf_source_decl *s = &src->sources[i];
		pf_report_add_source(dst, s->category, s->name, s->function, s->how, s->pos.file,
		                     s->pos.line, s->pos.column);
	}
	for (size_t i = 0; i < src->nconsents; i++)
		pf_report_add_consent(dst, src->consents[i].function, src->consents[i].purpose);
	pf_report_sort_decls(dst);
	pf_report_rank(dst);
}
