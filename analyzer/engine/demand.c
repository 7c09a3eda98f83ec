/*
 * Demand: the analysis follows only the data that can matter. A function's
 * parameters carry symbolic data only once some caller passes them data,
 * and a global only once some function stores data in it; every other
 * read carries nothing. Since what is reported starts at a source, this
 * changes no finding, while functions that only ever see data of no
 * interest keep summaries of their pointers alone, which cost little and
 * stay small as they are applied up the call graph (IFDS's summaries per
 * entry fact, at the granularity of a parameter).
 */
#include "engine/engine_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t pf_param_bit(int i)
{
	return 1ULL << (i < 63 ? i : 63);
}

bool pf_demanded(const struct pf_program *p, const struct pf_fn *fn, const struct pf_port *port)
{
	if (p->full)
		return true;
	switch (port->kind) {
	case PF_PORT_PARAM:
		return (fn->demand & pf_param_bit(port->index)) != 0;
	case PF_PORT_GLOBAL:
		return port->index >= 0 && (size_t)port->index < p->globals.n &&
		       p->tainted[port->index];
	default:
		return true;
	}
}

static void pf_requeue(struct pf_program *p, struct pf_fn *fn)
{
	/* a new input is no new round of the same fixpoint: widening and the
	 * round limit count from here */
	fn->runs = 0;
	fn->stale = true;
	PF_VEC_PUSH(p->requeue, fn->id);
}

bool pf_param_demanded(const struct pf_fn *g, int i)
{
	return i >= 0 && (g->demand & pf_param_bit(i)) != 0;
}

void pf_demand_param(struct pf_program *p, struct pf_fn *g, int i)
{
	if (p->full || i < 0 || pf_param_demanded(g, i))
		return;
	g->demand |= pf_param_bit(i);
	pf_requeue(p, g); /* the fixpoint skips it while it waits in the queue */
}

void pf_activate(struct pf_program *p, struct pf_fn *g)
{
	if (!g->body || g->member || g->model != PF_MODEL_NONE)
		return;
	for (size_t i = 0; i < p->activate.n; i++)
		if (p->activate.v[i] == g->id)
			return;
	PF_VEC_PUSH(p->activate, g->id);
}

void pf_taint_global(struct pf_program *p, int g)
{
	if (p->full || !p->tainted || p->tainted[g])
		return;
	p->tainted[g] = true;
	for (size_t r = 0; r < p->readers[g].n; r++)
		pf_requeue(p, p->fns.v[p->readers[g].v[r]]);
	for (size_t a = 0; a < p->aliases[g].n; a++)
		pf_taint_global(p, p->aliases[g].v[a]);
}

/* Whether a port is a global's own place: no step through a pointer. */
static bool pf_global_place(const struct pf_port *x)
{
	return x->kind == PF_PORT_GLOBAL && x->index >= 0 && !strchr(x->path, '*');
}

/* A pointer of global a points into global b, or the other way round:
 * what is stored in one is read through the other (the solve of globals
 * follows the pointer, solve.c). Data in either taints both. */
static void pf_alias_globals(struct pf_program *p, int a, int b)
{
	if (a == b || (p->tainted[a] && p->tainted[b]) || p->globals.v[a].one_char ||
	    p->globals.v[b].one_char)
		return;
	if (p->tainted[a] || p->tainted[b]) {
		pf_taint_global(p, p->tainted[a] ? b : a);
		return;
	}
	for (size_t i = 0; i < p->aliases[a].n; i++)
		if (p->aliases[a].v[i] == b)
			return;
	PF_VEC_PUSH(p->aliases[a], b);
	PF_VEC_PUSH(p->aliases[b], a);
}

void pf_demand_globals(struct pf_program *p, const struct pf_fn *fn)
{
	for (size_t k = 0; k < fn->summary.n; k++) {
		const struct pf_edge *e = &fn->summary.edges[k];
		if (e->pts) {
			if (!p->full && pf_global_place(&e->from) && pf_global_place(&e->to))
				pf_alias_globals(p, e->from.index, e->to.index);
			continue;
		}
		if (e->to.kind == PF_PORT_GLOBAL && e->to.index >= 0) {
			if (p->debug && !p->full && !p->tainted[e->to.index])
				fprintf(stderr,
				        "engine: global '%s' holds data: %s stores port %d#%d%s\n",
				        p->globals.v[e->to.index].name, fn->name, (int)e->from.kind,
				        e->from.index, e->from.path);
			pf_taint_global(p, e->to.index);
		}
	}
}

static void pf_scan_reads(struct pf_program *p, int fn, const struct pf_ir_expr *e)
{
	if (!e)
		return;
	if (e->kind == PF_E_VAR && e->u.var && e->u.var->kind == PF_V_GLOBAL &&
	    e->u.var->index >= 0) {
		struct pf_idlist *r = &p->readers[e->u.var->index];
		if (!r->n || r->v[r->n - 1] != fn)
			PF_VEC_PUSH(*r, fn);
	}
	for (unsigned i = 0; i < e->nkids; i++)
		pf_scan_reads(p, fn, e->kids[i]);
}

void pf_demand_init(struct pf_program *p)
{
	p->tainted = pf_xcalloc(p->globals.n + 1, sizeof(bool));
	p->readers = pf_xcalloc(p->globals.n + 1, sizeof(*p->readers));
	p->aliases = pf_xcalloc(p->globals.n + 1, sizeof(*p->aliases));
	for (size_t i = 0; i < p->fns.n; i++) {
		const struct pf_ir_func *b = p->fns.v[i]->body;
		for (unsigned k = 0; b && k < b->nblocks; k++) {
			for (unsigned s = 0; s < b->blocks[k].nstmts; s++)
				pf_scan_reads(p, (int)i, b->blocks[k].stmts[s].expr);
			pf_scan_reads(p, (int)i, b->blocks[k].cond);
		}
	}
}

void pf_demand_release(struct pf_program *p)
{
	for (size_t i = 0; p->readers && i < p->globals.n; i++)
		PF_VEC_FREE(p->readers[i]);
	free(p->readers);
	for (size_t i = 0; p->aliases && i < p->globals.n; i++)
		PF_VEC_FREE(p->aliases[i]);
	free(p->aliases);
	free(p->tainted);
	PF_VEC_FREE(p->requeue);
	PF_VEC_FREE(p->activate);
}
