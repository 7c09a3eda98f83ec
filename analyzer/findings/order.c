/*
 * The orders of the report's lists (findings, diagnostics, sources and
 * consent functions), each a table of the fields compared in turn. Two runs
 * print byte-identical reports only if every list is sorted by a total
 * order and its duplicates dropped, so each order names every field, and
 * one sort drops the duplicates of every list.
 */
#include "findings/findings_int.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "findings/findings.h"

/* One field an order compares: its offset and how to compare it (the
 * function is given pointers to the field in both structs; a field at
 * offset 0 compared by a function of the whole struct orders by more than
 * one member). */
struct field_order {
	size_t offset;
	int (*cmp)(const void *a, const void *b);
};

#define NFIELDS(table) (sizeof(table) / sizeof((table)[0]))

/* Compares a and b field by field: the first that differs decides. */
static int fields_cmp(const void *a, const void *b, const struct field_order *f, size_t n)
{
	int c = 0;
	for (size_t i = 0; !c && i < n; i++)
		c = f[i].cmp((const char *)a + f[i].offset, (const char *)b + f[i].offset);
	return c;
}

/* char *: NULL before every string. */
static int field_str(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	if (!x || !y)
		return (x != NULL) - (y != NULL);
	return strcmp(x, y);
}

/* char[]: a string in the struct. */
static int field_text(const void *a, const void *b)
{
	return strcmp(a, b);
}

static int unsigned_cmp(unsigned a, unsigned b)
{
	return (a > b) - (a < b);
}

int pf_field_pos(const void *a, const void *b)
{
	const struct pf_pos *x = a, *y = b;
	int c = field_str(&x->file, &y->file);
	if (!c)
		c = unsigned_cmp(x->line, y->line);
	if (!c)
		c = unsigned_cmp(x->column, y->column);
	return c;
}

static int field_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static int field_severity(const void *a, const void *b)
{
	enum pf_severity x = *(const enum pf_severity *)a, y = *(const enum pf_severity *)b;
	return (x > y) - (x < y);
}

/* Sorts the n elements of v (each size bytes) by cmp and keeps the first of
 * each run of equal ones, releasing the others. Returns how many are kept. */
static size_t sort_unique(void *v, size_t n, size_t size, int (*cmp)(const void *, const void *),
                          void (*release)(void *))
{
	if (n < 2)
		return n;
	qsort(v, n, size, cmp);
	char *e = v;
	size_t kept = 1;
	for (size_t i = 1; i < n; i++) {
		if (cmp(e + (kept - 1) * size, e + i * size) == 0)
			release(e + i * size);
		else if (kept++ != i)
			memcpy(e + (kept - 1) * size, e + i * size, size);
	}
	return kept;
}

static int steps_cmp(const struct pf_trace_step *a, size_t na, const struct pf_trace_step *b,
                     size_t nb)
{
	static const struct field_order step_order[] = {
	    {offsetof(struct pf_trace_step, pos), pf_field_pos},
	    {offsetof(struct pf_trace_step, message), field_str},
	};
	int c = (na > nb) - (na < nb);
	for (size_t i = 0; !c && i < na; i++)
		c = fields_cmp(&a[i], &b[i], step_order, NFIELDS(step_order));
	return c;
}

static int source_steps_cmp(const void *pa, const void *pb)
{
	const struct pf_finding_source *a = pa, *b = pb;
	return steps_cmp(a->trace, a->ntrace, b->trace, b->ntrace);
}

static const struct field_order finding_source_order[] = {
    {offsetof(struct pf_finding_source, category), field_str},
    {offsetof(struct pf_finding_source, pos), pf_field_pos},
    {offsetof(struct pf_finding_source, name), field_str},
    {offsetof(struct pf_finding_source, function), field_str},
    {offsetof(struct pf_finding_source, how), field_str},
    {0, source_steps_cmp},
};

/* The trace, then every source with its own trace, then the endpoint. */
static int trace_cmp(const void *pa, const void *pb)
{
	const struct pf_finding *a = pa, *b = pb;
	int c = steps_cmp(a->trace, a->ntrace, b->trace, b->ntrace);
	if (!c)
		c = (a->nsources > b->nsources) - (a->nsources < b->nsources);
	for (size_t i = 0; !c && i < a->nsources; i++)
		c = fields_cmp(&a->sources[i], &b->sources[i], finding_source_order,
		               NFIELDS(finding_source_order));
	if (!c)
		c = field_str(&a->endpoint, &b->endpoint);
	return c;
}

/* Sink position, rule and message first (the order a reader scans), then
 * every other field, so that the order is total and duplicates are
 * neighbours. */
static const struct field_order finding_order[] = {
    {offsetof(struct pf_finding, sink), pf_field_pos},
    {offsetof(struct pf_finding, rule), field_str},
    {offsetof(struct pf_finding, message), field_str},
    {offsetof(struct pf_finding, severity), field_severity},
    {offsetof(struct pf_finding, purpose), field_str},
    {offsetof(struct pf_finding, category), field_str},
    {offsetof(struct pf_finding, source), pf_field_pos},
    {offsetof(struct pf_finding, source_name), field_str},
    {offsetof(struct pf_finding, source_function), field_str},
    {offsetof(struct pf_finding, sink_function), field_str},
    {offsetof(struct pf_finding, sink_callee), field_str},
    {offsetof(struct pf_finding, sink_argument), field_int},
    {0, trace_cmp},
    {offsetof(struct pf_finding, fingerprint), field_text},
    {offsetof(struct pf_finding, accepted_by), field_str},
    {offsetof(struct pf_finding, reason), field_str},
    {offsetof(struct pf_finding, consent_function), field_str},
    {offsetof(struct pf_finding, consent), pf_field_pos},
};

static const struct field_order diagnostic_order[] = {
    {offsetof(struct pf_diagnostic, pos), pf_field_pos},
    {offsetof(struct pf_diagnostic, rule), field_str},
    {offsetof(struct pf_diagnostic, message), field_str},
    {offsetof(struct pf_diagnostic, severity), field_severity},
};

/* The declarations of the data map: position first, as the map lists them. */
static const struct field_order source_decl_order[] = {
    {offsetof(struct pf_source_decl, pos), pf_field_pos},
    {offsetof(struct pf_source_decl, name), field_str},
    {offsetof(struct pf_source_decl, category), field_str},
    {offsetof(struct pf_source_decl, function), field_str},
    {offsetof(struct pf_source_decl, how), field_str},
};

static const struct field_order consent_order[] = {
    {offsetof(struct pf_consent_decl, purpose), field_str},
    {offsetof(struct pf_consent_decl, function), field_str},
};

/* qsort's comparators, one for each order. */
static int finding_cmp(const void *a, const void *b)
{
	return fields_cmp(a, b, finding_order, NFIELDS(finding_order));
}

static int diagnostic_cmp(const void *a, const void *b)
{
	return fields_cmp(a, b, diagnostic_order, NFIELDS(diagnostic_order));
}

static int source_decl_cmp(const void *a, const void *b)
{
	return fields_cmp(a, b, source_decl_order, NFIELDS(source_decl_order));
}

static int consent_cmp(const void *a, const void *b)
{
	return fields_cmp(a, b, consent_order, NFIELDS(consent_order));
}

void pf_report_sort_decls(struct pf_report *r)
{
	r->nsources = sort_unique(r->sources, r->nsources, sizeof(*r->sources), source_decl_cmp,
	                          pf_source_decl_release);
	r->nconsents = sort_unique(r->consents, r->nconsents, sizeof(*r->consents), consent_cmp,
	                           pf_consent_decl_release);
}

void pf_report_sort(struct pf_report *r)
{
	r->nfindings = sort_unique(r->findings, r->nfindings, sizeof(*r->findings), finding_cmp,
	                           pf_finding_release);
	r->naccepted = sort_unique(r->accepted, r->naccepted, sizeof(*r->accepted), finding_cmp,
	                           pf_finding_release);
	pf_report_sort_decls(r);
	r->ndiagnostics = sort_unique(r->diagnostics, r->ndiagnostics, sizeof(*r->diagnostics),
	                              diagnostic_cmp, pf_diagnostic_release);
}
