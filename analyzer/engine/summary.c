/*
 * Summaries: the set of edges of a function, kept free of duplicates so that
 * the fixpoint over the call graph can tell when nothing changed. An edge
 * found both with and without consent keeps "without": one unconsented path
 * is enough for a finding.
 */
#include "engine/engine_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

bool pf_port_equal(const struct pf_port *a, const struct pf_port *b)
{
	return a->kind == b->kind && a->deep == b->deep && a->index == b->index &&
	       a->path == b->path;
}

static bool pf_edge_same(const struct pf_edge *a, const struct pf_edge *b)
{
	return a->pts == b->pts && pf_port_equal(&a->from, &b->from) &&
	       pf_port_equal(&a->to, &b->to);
}

void pf_summary_add(struct pf_program *p, struct pf_summary *s, const struct pf_edge *e)
{
	for (size_t i = 0; i < s->n; i++) {
		if (pf_edge_same(&s->edges[i], e)) {
			if (s->edges[i].consented && !e->consented) {
				s->edges[i].consented = false;
				s->edges[i].trace = e->trace;
				s->edges[i].ntrace = e->ntrace;
			} else if (s->edges[i].consented == e->consented &&
			           e->ntrace < s->edges[i].ntrace) {
				s->edges[i].trace = e->trace;
				s->edges[i].ntrace = e->ntrace;
			}
			return;
		}
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 8;
		s->edges = pf_xrealloc(s->edges, s->cap * sizeof(*s->edges));
	}
	s->edges[s->n++] = *e;
}

bool pf_summary_wants(const struct pf_summary *s, const struct pf_edge *e, unsigned ntrace)
{
	for (size_t i = 0; i < s->n; i++) {
		if (!pf_edge_same(&s->edges[i], e))
			continue;
		if (s->edges[i].consented && !e->consented)
			return true;
		return s->edges[i].consented == e->consented && ntrace < s->edges[i].ntrace;
	}
	return true;
}

bool pf_summary_equal(const struct pf_summary *a, const struct pf_summary *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++) {
		bool found = false;
		for (size_t j = 0; j < b->n && !found; j++)
			found = pf_edge_same(&a->edges[i], &b->edges[j]) &&
			        a->edges[i].consented == b->edges[j].consented;
		if (!found)
			return false;
	}
	return true;
}

int pf_program_sink_site(struct pf_program *p, struct pf_fn *fn, int site, int arg,
                         const char *purpose, const char *callee, struct pf_ir_pos pos)
{
	for (size_t i = 0; i < fn->nsink_ids; i++) {
		struct pf_sink_site *s = &p->sites.v[fn->sink_ids[i]];
		if (s->site == site && s->argument == arg && s->purpose == purpose &&
		    s->callee == callee)
			return fn->sink_ids[i];
	}
	struct pf_sink_site ns = {purpose, callee, fn->name, arg, pos, fn->id, site, NULL};
	int id = (int)p->sites.n;
	PF_VEC_PUSH(p->sites, ns);
	if (fn->nsink_ids == fn->capsink_ids) {
		fn->capsink_ids = fn->capsink_ids ? fn->capsink_ids * 2 : 4;
		fn->sink_ids = pf_xrealloc(fn->sink_ids, fn->capsink_ids * sizeof(int));
	}
	fn->sink_ids[fn->nsink_ids++] = id;
	return id;
}

uint64_t pf_purpose_bit(struct pf_program *p, const char *purpose)
{
	for (int i = 0; i < p->npurposes; i++)
		if (p->purposes[i] == purpose)
			return 1ULL << i;
	if (p->npurposes == 64)
		return 0;
	p->purposes[p->npurposes] = purpose;
	return 1ULL << p->npurposes++;
}

/* A rules source seen at a call: one program source per call position. */
int pf_program_rule_source(struct pf_program *p, const char *category, const char *fname,
                           struct pf_ir_pos pos)
{
	for (size_t i = 0; i < p->sources.n; i++) {
		struct pf_ir_source *s = p->sources.v[i];
		if (s->pos.line == pos.line && s->pos.column == pos.column &&
		    strcmp(s->pos.file, pos.file) == 0 && strcmp(s->name, fname) == 0 &&
		    strcmp(s->category, category) == 0)
			return (int)i;
	}
	struct pf_ir_source *s = PF_NEW(&p->arena, struct pf_ir_source);
	s->category = pf_intern(&p->strings, category);
	s->name = pf_intern(&p->strings, fname);
	s->function = "";
	s->how = "returns personal data";
	s->pos = pos;
	s->id = (int)p->sources.n;
	PF_VEC_PUSH(p->sources, s);
	return s->id;
}

void pf_program_budget(struct pf_program *p, struct pf_ir_pos pos, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	p->budget_warnings++;
	pf_report_add_diagnostic(p->report, "analysis-budget", PF_SEV_WARNING,
	                         pos.file ? pos.file : "", pos.line, pos.column, msg);
}
