/*
 * Hooks that only a library's users set: a global function pointer that
 * the program initializes with a function of its own choosing (curl's
 * `Curl_cfree = free`, `Curl_cmalloc = malloc`) and that is otherwise
 * assigned only that same function again or a parameter of a function
 * that nothing in the program calls (`curl_global_init_mem(..., f, ...)`,
 * an entry point of the library's API). Within the program such a global
 * holds its initializer: what a user of the library puts there is a
 * function of theirs, not one of the program's. Read as unknown, every
 * `free(p)` of curl (a call through `Curl_cfree`) reached every function
 * of its type that the program hands away, and their flows came back into
 * the freed objects' callers (`interproc/hook_global_set_by_library_user`).
 * Found syntactically, once, at the link.
 */
#include "engine/engine_int.h"

#include <stdio.h>
#include <stdlib.h>

struct pf_hook_write {
	int g, fn; /* global g is assigned a parameter of function fn */
};

struct pf_hscan {
	struct pf_program *p;
	int fn;         /* the function scanned, or -1 (initializers) */
	bool *assigned; /* per global: a function pointer the program assigns */
	bool *lost;     /* per global: assigned something else, or its address taken */
	bool *direct;   /* per function: called by name somewhere */
	PF_VEC(struct pf_hook_write) writes;
};

/* e without the casts and address-of that lowering leaves around a
 * function designator. */
static const struct pf_ir_expr *pf_hook_strip(const struct pf_ir_expr *e)
{
	while (e && (e->kind == PF_E_COMBINE || e->kind == PF_E_ADDR) && e->nkids == 1)
		e = e->kids[0];
	return e;
}

/* Global v, if it is a function pointer whose contents the analysis does
 * not know at entry, else NULL. */
static const struct pf_global *pf_hook_candidate(const struct pf_program *p,
                                                 const struct pf_ir_expr *e)
{
	if (!e || e->kind != PF_E_VAR || !e->u.var)
		return NULL;
	const struct pf_ir_var *v = e->u.var;
	if (v->kind != PF_V_GLOBAL || v->index < 0 || (size_t)v->index >= p->globals.n)
		return NULL;
	const struct pf_global *g = &p->globals.v[v->index];
	if (!g->defined || g->constant || g->zero || !pf_ir_function_type(v->type))
		return NULL;
	return g;
}

/* An assignment of global g (e->kids[0]) is harmless when it stores the
 * function its initializer holds, or a parameter (kept for the end). */
static void pf_hook_assign(struct pf_hscan *h, const struct pf_ir_expr *e,
                           const struct pf_global *g)
{
	int gi = e->kids[0]->u.var->index;
	h->assigned[gi] = true;
	const struct pf_ir_expr *rhs = pf_hook_strip(e->nkids > 1 ? e->kids[1] : NULL);
	if (!rhs || e->u.assign.compound) {
		h->lost[gi] = true;
	} else if (rhs->kind == PF_E_FUNC) {
		const struct pf_ir_expr *init = pf_hook_strip(g->init);
		struct pf_fn *f = pf_program_callee(h->p, rhs);
		if (!f || !init || init->kind != PF_E_FUNC || pf_program_callee(h->p, init) != f)
			h->lost[gi] = true;
	} else if (rhs->kind == PF_E_VAR && rhs->u.var && rhs->u.var->kind == PF_V_PARAM &&
	           h->fn >= 0) {
		struct pf_hook_write w = {gi, h->fn};
		PF_VEC_PUSH(h->writes, w);
	} else {
		h->lost[gi] = true;
	}
}

static void pf_hook_scan(struct pf_hscan *h, const struct pf_ir_expr *e)
{
	if (!e)
		return;
	const struct pf_global *g;
	if (e->kind == PF_E_ASSIGN && e->nkids && (g = pf_hook_candidate(h->p, e->kids[0]))) {
		pf_hook_assign(h, e, g);
		for (unsigned i = 1; i < e->nkids; i++)
			pf_hook_scan(h, e->kids[i]);
		return;
	}
	if (e->kind == PF_E_ADDR && e->nkids && pf_hook_candidate(h->p, e->kids[0]))
		h->lost[e->kids[0]->u.var->index] = true; /* written where we do not look */
	if (e->kind == PF_E_CALL && e->nkids && e->kids[0] && e->kids[0]->kind == PF_E_FUNC) {
		struct pf_fn *f = pf_program_callee(h->p, e->kids[0]);
		if (f)
			h->direct[f->id] = true;
	}
	for (unsigned i = 0; i < e->nkids; i++)
		pf_hook_scan(h, e->kids[i]);
}

void pf_hooks_fix(struct pf_program *p)
{
	struct pf_hscan h = {.p = p, .fn = -1};
	h.assigned = pf_xcalloc(p->globals.n + 1, sizeof(bool));
	h.lost = pf_xcalloc(p->globals.n + 1, sizeof(bool));
	h.direct = pf_xcalloc(p->fns.n + 1, sizeof(bool));
	for (size_t i = 0; i < p->fns.n; i++) {
		const struct pf_ir_func *b = p->fns.v[i]->body;
		h.fn = (int)i;
		for (unsigned k = 0; b && k < b->nblocks; k++) {
			for (unsigned s = 0; s < b->blocks[k].nstmts; s++)
				pf_hook_scan(&h, b->blocks[k].stmts[s].expr);
			pf_hook_scan(&h, b->blocks[k].cond);
		}
	}
	h.fn = -1;
	for (size_t i = 0; i < p->globals.n; i++)
		pf_hook_scan(&h, p->globals.v[i].init);
	/* a parameter of a function that the program calls, or whose address
	 * it takes, holds what the program passes: no library user's hook */
	for (size_t i = 0; i < h.writes.n; i++) {
		const struct pf_fn *f = p->fns.v[h.writes.v[i].fn];
		if (h.direct[f->id] || f->address_taken)
			h.lost[h.writes.v[i].g] = true;
	}
	for (size_t i = 0; i < p->globals.n; i++) {
		struct pf_global *g = &p->globals.v[i];
		if (!h.assigned[i] || h.lost[i])
			continue;
		if (g->init)
			g->constant = true;
		else if (!g->initialized)
			g->zero = true;
		else
			continue;
		if (p->debug)
			fprintf(stderr,
			        "engine: global '%s' is a hook only the library's users set\n",
			        g->name);
	}
	PF_VEC_FREE(h.writes);
	free(h.direct);
	free(h.lost);
	free(h.assigned);
}
