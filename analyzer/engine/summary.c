/*
 * Summaries: the set of edges of a function, kept free of duplicates so that
 * the fixpoint over the call graph can tell when nothing changed. An edge
 * found both with and without consent keeps "without": one unconsented path
 * is enough for a finding.
 */
#include "engine/engine_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
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

static uint64_t pf_edge_hash(const struct pf_edge *e)
{
	uint64_t h =
	    pf_mix(e->from.kind | (uint64_t)e->from.deep << 8 | (uint64_t)e->to.kind << 16 |
	               (uint64_t)e->to.deep << 24 | (uint64_t)e->pts << 32,
	           (uint64_t)(uint32_t)e->from.index);
	h = pf_mix(h, (uint64_t)(uintptr_t)e->from.path);
	h = pf_mix(h, (uint64_t)(uint32_t)e->to.index);
	return pf_mix(h, (uint64_t)(uintptr_t)e->to.path);
}

static void pf_summary_reindex(struct pf_summary *s, size_t cap)
{
	free(s->slots);
	s->slots = pf_xcalloc(cap, sizeof(*s->slots));
	s->scap = cap;
	for (size_t i = 0; i < s->n; i++) {
		size_t h = (size_t)pf_edge_hash(&s->edges[i]) & (cap - 1);
		while (s->slots[h])
			h = (h + 1) & (cap - 1);
		s->slots[h] = (uint32_t)i + 1;
	}
}

static struct pf_edge *pf_summary_find(const struct pf_summary *s, const struct pf_edge *e)
{
	if (!s->scap)
		return NULL;
	for (size_t h = (size_t)pf_edge_hash(e) & (s->scap - 1); s->slots[h];
	     h = (h + 1) & (s->scap - 1))
		if (pf_edge_same(&s->edges[s->slots[h] - 1], e))
			return &s->edges[s->slots[h] - 1];
	return NULL;
}

void pf_summary_add(struct pf_program *p, struct pf_summary *s, const struct pf_edge *e)
{
	struct pf_edge *old = pf_summary_find(s, e);
	if (old) {
		if (old->consented && !e->consented) {
			old->consented = false;
			old->consent_by = NULL;
			old->trace = e->trace;
			old->ntrace = e->ntrace;
			old->tnode = e->tnode;
		} else if (old->consented == e->consented && e->ntrace < old->ntrace) {
			old->trace = e->trace;
			old->ntrace = e->ntrace;
			old->tnode = e->tnode;
		}
		if (old->consented && !old->consent_by)
			old->consent_by = e->consent_by;
		return;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 8;
		s->edges = pf_xrealloc(s->edges, s->cap * sizeof(*s->edges));
	}
	s->edges[s->n++] = *e;
	if (s->n * 2 > s->scap)
		pf_summary_reindex(s, s->scap ? s->scap * 2 : 32);
	else {
		size_t h = (size_t)pf_edge_hash(e) & (s->scap - 1);
		while (s->slots[h])
			h = (h + 1) & (s->scap - 1);
		s->slots[h] = (uint32_t)s->n;
	}
}

void pf_summary_free(struct pf_summary *s)
{
	free(s->edges);
	free(s->slots);
	PF_VEC_FREE(s->dcalls);
	memset(s, 0, sizeof(*s));
}

int pf_summary_dcall(const struct pf_summary *s, int id)
{
	for (size_t i = 0; i < s->dcalls.n; i++)
		if (s->dcalls.v[i].id == id)
			return (int)i;
	return -1;
}

void pf_summary_add_dcall(struct pf_summary *s, const struct pf_dcall *d)
{
	if (pf_summary_dcall(s, d->id) < 0)
		PF_VEC_PUSH(s->dcalls, *d);
}

int pf_summary_hubs(const struct pf_summary *s)
{
	int most = 0;
	for (size_t i = 0; i < s->n && s->edges[i].to.kind == PF_PORT_HUB; i++)
		if (s->edges[i].to.index > most)
			most = s->edges[i].to.index;
	return most;
}

/* Replaces s with out, which takes s's deferred calls. */
static void pf_summary_replace(struct pf_summary *s, struct pf_summary *out)
{
	out->dcalls = s->dcalls;
	memset(&s->dcalls, 0, sizeof(s->dcalls));
	pf_summary_free(s);
	*s = *out;
}

bool pf_summary_wants(const struct pf_summary *s, const struct pf_edge *e, unsigned ntrace)
{
	const struct pf_edge *old = pf_summary_find(s, e);
	if (!old)
		return true;
	if (old->consented && !e->consented)
		return true;
	return old->consented == e->consented && ntrace < old->ntrace;
}

bool pf_summary_equal(const struct pf_summary *a, const struct pf_summary *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++) {
		const struct pf_edge *o = pf_summary_find(b, &a->edges[i]);
		if (!o || o->consented != a->edges[i].consented)
			return false;
	}
	return true;
}

const char *pf_first_step(struct pf_program *p, const char *path, bool *cut)
{
	*cut = false;
	if (!path[0])
		return path;
	size_t n = 1;
	if (path[0] == '.' || path[0] == '<')
		while (path[n] && path[n] != '.' && path[n] != '*' && path[n] != '<')
			n++;
	if (!path[n])
		return path;
	*cut = true;
	return pf_intern_n(&p->strings, path, n);
}

bool pf_edge_coarsen(struct pf_program *p, struct pf_edge *e)
{
	bool cut;
	e->from.path = pf_first_step(p, e->from.path, &cut);
	if (cut)
		e->from.deep = true;
	if (e->to.kind != PF_PORT_SINK)
		e->to.path = pf_first_step(p, e->to.path, &cut);
	return !pf_edge_inside_object(e);
}

bool pf_edge_inside_object(const struct pf_edge *e)
{
	return (e->from.kind == PF_PORT_PARAM || e->from.kind == PF_PORT_GLOBAL) &&
	       e->from.kind == e->to.kind && e->from.index == e->to.index &&
	       e->from.path == e->to.path;
}

void pf_summary_coarsen(struct pf_program *p, struct pf_summary *s, bool always)
{
	if (s->n <= PF_SUMMARY_MAX && !always)
		return;
	struct pf_summary out = {0};
	for (size_t i = 0; i < s->n; i++) {
		struct pf_edge e = s->edges[i];
		if (pf_edge_coarsen(p, &e))
			pf_summary_add(p, &out, &e);
	}
	pf_summary_replace(s, &out);
}

bool pf_edge_through_hub(const struct pf_edge *e, bool sinks)
{
	return e->from.kind != PF_PORT_SOURCE && e->from.kind != PF_PORT_ENDPOINT &&
	       e->from.kind != PF_PORT_HUB && e->to.kind != PF_PORT_HUB &&
	       (e->to.kind != PF_PORT_SINK || sinks);
}

static void pf_hub_pass(struct pf_program *p, struct pf_summary *s, bool sinks)
{
	struct pf_summary out = {0};
	struct pf_port hub = {.kind = PF_PORT_HUB, .path = p->empty};
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < s->n; i++) {
			struct pf_edge e = s->edges[i];
			if (!pf_edge_through_hub(&e, sinks)) {
				if (pass == (e.to.kind == PF_PORT_HUB ? 0 : 1))
					pf_summary_add(p, &out, &e);
				continue;
			}
			if (pass == 0) { /* input -> hub, with the trace that reached it */
				e.to = hub;
				e.consented = false;
			} else { /* hub -> output */
				e.from = hub;
				e.trace = NULL;
				e.ntrace = 0;
				e.tnode = 0;
			}
			pf_summary_add(p, &out, &e);
		}
	}
	pf_summary_replace(s, &out);
}

void pf_summary_hub_first(struct pf_program *p, struct pf_summary *s)
{
	size_t i = 0;
	while (i < s->n && s->edges[i].to.kind == PF_PORT_HUB)
		i++;
	while (i < s->n && s->edges[i].to.kind != PF_PORT_HUB)
		i++;
	if (i == s->n)
		return; /* in order already */
	struct pf_summary out = {0};
	for (int pass = 0; pass < 2; pass++)
		for (size_t k = 0; k < s->n; k++)
			if ((s->edges[k].to.kind == PF_PORT_HUB) == (pass == 0))
				pf_summary_add(p, &out, &s->edges[k]);
	pf_summary_replace(s, &out);
}

int pf_summary_hub(struct pf_program *p, struct pf_summary *s)
{
	if (s->n <= PF_SUMMARY_MAX)
		return 0;
	pf_hub_pass(p, s, false);
	if (s->n <= PF_SUMMARY_HUB_MAX)
		return 1;
	pf_hub_pass(p, s, true);
	return 2;
}

static int pf_site_add(struct pf_program *p, struct pf_fn *fn, const struct pf_sink_site *ns);

int pf_program_sink_site(struct pf_program *p, struct pf_fn *fn, int site, int arg,
                         const char *purpose, const char *callee, struct pf_ir_pos pos)
{
	for (size_t i = 0; i < fn->sink_ids.n; i++) {
		struct pf_sink_site *s = &p->sites.v[fn->sink_ids.v[i]];
		if (s->site == site && s->argument == arg && s->purpose == purpose &&
		    s->callee == callee && !s->conditional)
			return fn->sink_ids.v[i];
	}
	struct pf_sink_site ns = {.purpose = purpose,
	                          .callee = callee,
	                          .function = fn->name,
	                          .argument = arg,
	                          .pos = pos,
	                          .fn = fn->id,
	                          .site = site};
	return pf_site_add(p, fn, &ns);
}

int pf_program_cond_site(struct pf_program *p, struct pf_fn *holder, int via, struct pf_fn *fn,
                         int site, int arg, const char *callee, struct pf_ir_pos pos)
{
	for (size_t i = 0; i < holder->sink_ids.n; i++) {
		struct pf_sink_site *s = &p->sites.v[holder->sink_ids.v[i]];
		if (s->conditional && s->via == via && s->fn == fn->id && s->site == site &&
		    s->argument == arg && s->callee == callee)
			return holder->sink_ids.v[i];
	}
	struct pf_sink_site ns = {.purpose = p->empty,
	                          .callee = callee,
	                          .function = fn->name,
	                          .argument = arg,
	                          .pos = pos,
	                          .fn = fn->id,
	                          .site = site,
	                          .conditional = true,
	                          .via = via};
	return pf_site_add(p, holder, &ns);
}

static int pf_site_add(struct pf_program *p, struct pf_fn *fn, const struct pf_sink_site *ns)
{
	int id = (int)p->sites.n;
	PF_VEC_PUSH(p->sites, *ns);
	PF_VEC_PUSH(fn->sink_ids, id);
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

static const char *const pf_port_kinds[] = {"source", "param",   "global",   "func",
                                            "return", "sink",    "endpoint", "hub",
                                            "new",    "callarg", "callret"};

static void pf_port_print(const struct pf_program *p, const struct pf_port *x, FILE *out)
{
	const char *name = "";
	if (x->kind == PF_PORT_GLOBAL && x->index >= 0 && (size_t)x->index < p->globals.n)
		name = p->globals.v[x->index].name;
	else if (x->kind == PF_PORT_FUNC && x->index >= 0 && (size_t)x->index < p->fns.n)
		name = p->fns.v[x->index]->name;
	else if (x->kind == PF_PORT_SOURCE && x->index >= 0 && (size_t)x->index < p->sources.n)
		name = p->sources.v[x->index]->category;
	fprintf(out, "%s%s#%d%s%s%s", pf_port_kinds[x->kind], x->deep ? "(deep)" : "", x->index,
	        *name ? ":" : "", name, x->path ? x->path : "");
}

void pf_summary_dump(const struct pf_program *p, const struct pf_fn *fn, FILE *out)
{
	fprintf(out, "summary of %s (%zu edges)\n", fn->name, fn->summary.n);
	for (size_t i = 0; i < fn->summary.n; i++) {
		const struct pf_edge *e = &fn->summary.edges[i];
		fputs("  ", out);
		pf_port_print(p, &e->from, out);
		fputs(e->pts ? " -pts-> " : " -> ", out);
		pf_port_print(p, &e->to, out);
		fputs(e->consented ? " (consented)\n" : "\n", out);
	}
	for (size_t i = 0; i < fn->summary.dcalls.n; i++) {
		const struct pf_dcall *d = &fn->summary.dcalls.v[i];
		fprintf(out, "  deferred call %d (%u arguments) at %s:%u\n", d->id, d->nargs,
		        d->call->pos.file ? d->call->pos.file : "", d->call->pos.line);
	}
}
