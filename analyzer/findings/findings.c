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

#include "util/xalloc.h"

/* Separates the fields hashed into a fingerprint: the ASCII unit separator
 * cannot occur in a C identifier, a category key or a rule id, so no two
 * different tuples of names hash the same bytes. */
#define PF_FP_SEP '\x1f'

void pf_report_init(struct pf_report *r)
{
	memset(r, 0, sizeof(*r));
}

static void finding_release(struct pf_finding *f)
{
	free(f->rule);
	free(f->message);
	free(f->purpose);
	free(f->category);
	free(f->source.file);
	free(f->source_name);
	free(f->source_function);
	free(f->source_how);
	free(f->sink.file);
	free(f->sink_function);
	free(f->sink_callee);
	for (size_t i = 0; i < f->ntrace; i++) {
		free(f->trace[i].pos.file);
		free(f->trace[i].message);
	}
	free(f->trace);
	free(f->accepted_by);
	free(f->reason);
	memset(f, 0, sizeof(*f));
}

static void diagnostic_release(struct pf_diagnostic *d)
{
	free(d->rule);
	free(d->pos.file);
	free(d->message);
	memset(d, 0, sizeof(*d));
}

void pf_report_free(struct pf_report *r)
{
	for (size_t i = 0; i < r->nfindings; i++)
		finding_release(&r->findings[i]);
	for (size_t i = 0; i < r->naccepted; i++)
		finding_release(&r->accepted[i]);
	for (size_t i = 0; i < r->ndiagnostics; i++)
		diagnostic_release(&r->diagnostics[i]);
	free(r->findings);
	free(r->accepted);
	free(r->diagnostics);
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

static void finding_copy(struct pf_finding *dst, const struct pf_finding *src)
{
	memset(dst, 0, sizeof(*dst));
	dst->rule = pf_xstrdup(src->rule);
	dst->severity = src->severity;
	dst->purpose = pf_xstrdup(src->purpose);
	dst->category = pf_xstrdup(src->category);
	dst->source = pos_copy(&src->source);
	dst->source_name = pf_xstrdup(src->source_name);
	dst->source_function = pf_xstrdup(src->source_function);
	dst->source_how = src->source_how ? pf_xstrdup(src->source_how) : NULL;
	dst->sink = pos_copy(&src->sink);
	dst->sink_function = pf_xstrdup(src->sink_function);
	dst->sink_callee = pf_xstrdup(src->sink_callee);
	dst->sink_argument = src->sink_argument;
	if (src->ntrace) {
		dst->trace = pf_xcalloc(src->ntrace, sizeof(*dst->trace));
		for (size_t i = 0; i < src->ntrace; i++) {
			dst->trace[i].pos = pos_copy(&src->trace[i].pos);
			dst->trace[i].message = pf_xstrdup(src->trace[i].message);
		}
		dst->ntrace = src->ntrace;
	}
	dst->accepted_by = dup_or_null(src->accepted_by);
	dst->reason = dup_or_null(src->reason);
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

/* Appends one zeroed slot to a growable array and returns it. */
static void *grow(void **v, size_t *n, size_t *cap, size_t size)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*v = pf_xrealloc(*v, *cap * size);
	}
	char *slot = (char *)*v + (*n)++ * size;
	memset(slot, 0, size);
	return slot;
}

void pf_report_add_finding(struct pf_report *r, const struct pf_finding *f)
{
	struct pf_finding *slot;
	if (f->accepted_by)
		slot = grow((void **)&r->accepted, &r->naccepted, &r->capaccepted,
		            sizeof(*r->accepted));
	else
		slot = grow((void **)&r->findings, &r->nfindings, &r->capfindings,
		            sizeof(*r->findings));
	finding_copy(slot, f);
}

void pf_report_add_diagnostic(struct pf_report *r, const char *rule, enum pf_severity sev,
                              const char *file, unsigned line, unsigned column, const char *message)
{
	struct pf_diagnostic *d = grow((void **)&r->diagnostics, &r->ndiagnostics,
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
	    grow((void **)&r->accepted, &r->naccepted, &r->capaccepted, sizeof(*r->accepted));
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

/* The hashed bytes are, in this order and each followed by 0x1F: the rule,
 * the category, the source's name and function, the sink's callee, the sink
 * argument in decimal, and the sink's function. Changing this changes every
 * fingerprint and invalidates users' baselines: do it only with a new
 * partialFingerprints key in the SARIF output. */
void pf_finding_fingerprint(struct pf_finding *f)
{
	char arg[24];
	size_t len = 0, cap = 256;
	char *buf = pf_xmalloc(cap);
	snprintf(arg, sizeof(arg), "%d", f->sink_argument);
	fp_append(&buf, &len, &cap, f->rule);
	fp_append(&buf, &len, &cap, f->category);
	fp_append(&buf, &len, &cap, f->source_name);
	fp_append(&buf, &len, &cap, f->source_function);
	fp_append(&buf, &len, &cap, f->sink_callee);
	fp_append(&buf, &len, &cap, arg);
	fp_append(&buf, &len, &cap, f->sink_function);

	XXH128_canonical_t canon;
	XXH128_canonicalFromHash(&canon, XXH3_128bits(buf, len));
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < sizeof(canon.digest); i++) {
		f->fingerprint[2 * i] = hex[canon.digest[i] >> 4];
		f->fingerprint[2 * i + 1] = hex[canon.digest[i] & 0xf];
	}
	f->fingerprint[32] = '\0';
	free(buf);
}

/* strcmp that orders NULL before every string. */
static int str_cmp(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int uint_cmp(unsigned long long a, unsigned long long b)
{
	return (a > b) - (a < b);
}

static int pos_cmp(const struct pf_pos *a, const struct pf_pos *b)
{
	int c = str_cmp(a->file, b->file);
	if (!c)
		c = uint_cmp(a->line, b->line);
	if (!c)
		c = uint_cmp(a->column, b->column);
	return c;
}

static int trace_cmp(const struct pf_finding *a, const struct pf_finding *b)
{
	int c = uint_cmp(a->ntrace, b->ntrace);
	for (size_t i = 0; !c && i < a->ntrace; i++) {
		c = pos_cmp(&a->trace[i].pos, &b->trace[i].pos);
		if (!c)
			c = str_cmp(a->trace[i].message, b->trace[i].message);
	}
	return c;
}

/* Sink position, rule and message first (the order a reader scans), then
 * every other field, so that the order is total and duplicates are
 * neighbours. */
static int finding_cmp(const void *pa, const void *pb)
{
	const struct pf_finding *a = pa, *b = pb;
	int c = pos_cmp(&a->sink, &b->sink);
	if (!c)
		c = str_cmp(a->rule, b->rule);
	if (!c)
		c = str_cmp(a->message, b->message);
	if (!c)
		c = uint_cmp(a->severity, b->severity);
	if (!c)
		c = str_cmp(a->purpose, b->purpose);
	if (!c)
		c = str_cmp(a->category, b->category);
	if (!c)
		c = pos_cmp(&a->source, &b->source);
	if (!c)
		c = str_cmp(a->source_name, b->source_name);
	if (!c)
		c = str_cmp(a->source_function, b->source_function);
	if (!c)
		c = str_cmp(a->sink_function, b->sink_function);
	if (!c)
		c = str_cmp(a->sink_callee, b->sink_callee);
	if (!c)
		c = (a->sink_argument > b->sink_argument) - (a->sink_argument < b->sink_argument);
	if (!c)
		c = trace_cmp(a, b);
	if (!c)
		c = strcmp(a->fingerprint, b->fingerprint);
	if (!c)
		c = str_cmp(a->accepted_by, b->accepted_by);
	if (!c)
		c = str_cmp(a->reason, b->reason);
	return c;
}

static int diagnostic_cmp(const void *pa, const void *pb)
{
	const struct pf_diagnostic *a = pa, *b = pb;
	int c = pos_cmp(&a->pos, &b->pos);
	if (!c)
		c = str_cmp(a->rule, b->rule);
	if (!c)
		c = str_cmp(a->message, b->message);
	if (!c)
		c = uint_cmp(a->severity, b->severity);
	return c;
}

static void sort_findings(struct pf_finding *v, size_t *n)
{
	if (*n < 2)
		return;
	qsort(v, *n, sizeof(*v), finding_cmp);
	size_t kept = 1;
	for (size_t i = 1; i < *n; i++) {
		if (finding_cmp(&v[kept - 1], &v[i]) == 0)
			finding_release(&v[i]);
		else
			v[kept++] = v[i];
	}
	*n = kept;
}

void pf_report_sort(struct pf_report *r)
{
	sort_findings(r->findings, &r->nfindings);
	sort_findings(r->accepted, &r->naccepted);
	pf_report_sort_decls(r);
	if (r->ndiagnostics < 2)
		return;
	qsort(r->diagnostics, r->ndiagnostics, sizeof(*r->diagnostics), diagnostic_cmp);
	size_t kept = 1;
	for (size_t i = 1; i < r->ndiagnostics; i++) {
		if (diagnostic_cmp(&r->diagnostics[kept - 1], &r->diagnostics[i]) == 0)
			diagnostic_release(&r->diagnostics[i]);
		else
			r->diagnostics[kept++] = r->diagnostics[i];
	}
	r->ndiagnostics = kept;
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
		if (str_cmp(by, "suppression") == 0)
			s.suppressed++;
		else if (str_cmp(by, "baseline") == 0)
			s.baselined++;
		else if (str_cmp(by, "consent") == 0)
			s.consented++;
	}
	return s;
}

/* printf into a fresh heap string. */
static char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *s = pf_xmalloc(n > 0 ? (size_t)n + 1 : 1);
	va_start(ap, fmt);
	vsnprintf(s, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
	va_end(ap);
	return s;
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

char *pf_finding_compose_message(const struct pf_finding *f)
{
	return xasprintf("personal data '%s' reaches %s sink '%s' (argument %d)",
	                 or_empty(f->category), or_empty(f->purpose), or_empty(f->sink_callee),
	                 f->sink_argument + 1);
}

char *pf_finding_source_note(const struct pf_finding *f)
{
	return xasprintf("'%s' %s (%s) here", or_empty(f->source_name),
	                 f->source_how ? f->source_how : "is declared personal data",
	                 or_empty(f->category));
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
