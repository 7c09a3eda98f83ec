/*
 * Must-writes: what a function overwrites on every path through it, through
 * a pointer parameter. A summary says what may flow where; joined into the
 * caller it can only add to what the caller's variables hold. That keeps
 * an iterator reused for a second list pointing into the first
 * (`listRewind(names, &li); ... listRewind(tags, &li);`). When the callee
 * writes `li->next` on every path, the call replaces the caller's `li.next`
 * instead (pf_instantiate), as an assignment in the caller would.
 *
 * Found syntactically, once per function: an assignment (not compound)
 * whose target is a field path below a pointer parameter that the function
 * never assigns or takes the address of, in a block that every path from
 * the entry to an exit runs through; and direct calls in such blocks of
 * functions with kills of their own, passed the parameter itself. Callees
 * are analyzed first, so their kills are known; within recursion a callee
 * not yet analyzed counts as killing nothing, which only keeps more.
 */
#include "engine/analyze_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pf_kscan {
	struct pf_actx *cx;
	const struct pf_ir_func *b;
	bool *changed; /* per parameter: assigned, or its address taken */
};

static int pf_param_index(const struct pf_kscan *k, const struct pf_ir_expr *e)
{
	if (!e || e->kind != PF_E_VAR || !e->u.var)
		return -1;
	for (int i = 0; i < k->b->decl->nparams; i++)
		if (k->b->params[i] == e->u.var)
			return k->changed[i] ? -1 : i;
	return -1;
}

static void pf_mark_changed(struct pf_kscan *k, const struct pf_ir_expr *e)
{
	if (!e)
		return;
	if ((e->kind == PF_E_ASSIGN || e->kind == PF_E_ADDR) && e->nkids && e->kids[0] &&
	    e->kids[0]->kind == PF_E_VAR)
		for (int i = 0; i < k->b->decl->nparams; i++)
			if (k->b->params[i] == e->kids[0]->u.var)
				k->changed[i] = true;
	for (unsigned i = 0; i < e->nkids; i++)
		pf_mark_changed(k, e->kids[i]);
}

/* The path, below parameter *param, of the object e designates: "*" for
 * `*p`, "*.a.b" for `p->a.b`; NULL for anything else (an element, a union
 * member, a pointer loaded on the way). */
static const char *pf_param_path(struct pf_kscan *k, const struct pf_ir_expr *e, int *param)
{
	if (!e)
		return NULL;
	const char *base = NULL;
	switch (e->kind) {
	case PF_E_DEREF:
		*param = pf_param_index(k, e->nkids ? e->kids[0] : NULL);
		return *param >= 0 ? "*" : NULL;
	case PF_E_FIELD: {
		const struct pf_ir_expr *obj = e->nkids ? e->kids[0] : NULL;
		const struct pf_ir_type *t = obj ? obj->type : NULL;
		if (e->u.field.arrow) {
			*param = pf_param_index(k, obj);
			if (*param < 0)
				return NULL;
			base = "*";
			t = t && t->kind == PF_T_POINTER ? t->target : NULL;
		} else {
			base = pf_param_path(k, obj, param);
		}
		if (!base || !t || t->is_union)
			return NULL;
		struct pf_actx *cx = k->cx;
		int source = pf_program_source(cx->p, cx->tu, e->u.field.source);
		char buf[1024];
		snprintf(buf, sizeof(buf), "%s%s", base,
		         pf_field_step(cx, e->u.field.name, source));
		return pf_intern(&cx->p->strings, buf);
	}
	default:
		return NULL;
	}
}

static void pf_kill_add(struct pf_fn *fn, int param, const char *path)
{
	for (size_t i = 0; i < fn->kills.n; i++)
		if (fn->kills.v[i].param == param && fn->kills.v[i].path == path)
			return;
	struct pf_kill kl = {param, path};
	PF_VEC_PUSH(fn->kills, kl);
}

/* A call made on every path: the callee's kills through arguments that
 * are parameters of ours. */
static void pf_kills_of_call(struct pf_kscan *k, const struct pf_ir_expr *call)
{
	if (!call || call->kind != PF_E_CALL || !call->nkids || !call->kids[0] ||
	    call->kids[0]->kind != PF_E_FUNC)
		return;
	const struct pf_fn *g = pf_program_callee(k->cx->p, call->kids[0]);
	if (!g || !g->kills_known)
		return;
	for (size_t i = 0; i < g->kills.n; i++) {
		unsigned a = (unsigned)g->kills.v[i].param + 1;
		if (a >= call->nkids)
			continue;
		int param = pf_param_index(k, call->kids[a]);
		if (param >= 0)
			pf_kill_add(k->cx->fn, param, g->kills.v[i].path);
	}
}

static void pf_kills_of_stmt(struct pf_kscan *k, const struct pf_ir_stmt *st)
{
	const struct pf_ir_expr *e = st->expr;
	if (!e)
		return;
	if (st->kind == PF_S_EVAL && e->kind == PF_E_ASSIGN && !e->u.assign.compound &&
	    e->nkids == 2) {
		int param = -1;
		const char *path = pf_param_path(k, e->kids[0], &param);
		if (path)
			pf_kill_add(k->cx->fn, param, path);
		pf_kills_of_call(k, e->kids[1]);
		return;
	}
	pf_kills_of_call(k, e);
}

/* Whether an exit block can be reached from the entry without passing
 * through block `skip`. */
static bool pf_exit_avoiding(const struct pf_ir_func *b, unsigned skip, bool *seen, unsigned *stack)
{
	unsigned nb = b->nblocks, sp = 0;
	memset(seen, 0, nb * sizeof(*seen));
	if (skip == 0)
		return false;
	seen[0] = true;
	stack[sp++] = 0;
	while (sp) {
		const struct pf_ir_block *bl = &b->blocks[stack[--sp]];
		if (bl->term == PF_TERM_EXIT)
			return true;
		int n = bl->term == PF_TERM_BRANCH ? 2 : 1;
		for (int i = 0; i < n; i++) {
			int s = bl->succ[i];
			if (s < 0 || (unsigned)s >= nb || (unsigned)s == skip || seen[s])
				continue;
			seen[s] = true;
			stack[sp++] = (unsigned)s;
		}
	}
	return false;
}

void pf_kills_compute(struct pf_actx *cx)
{
	struct pf_fn *fn = cx->fn;
	if (fn->kills_known)
		return;
	fn->kills_known = true;
	const struct pf_ir_func *b = cx->body;
	int np = b->decl->nparams;
	if (np <= 0 || !b->nblocks)
		return;
	struct pf_kscan k = {cx, b, pf_xcalloc((size_t)np, sizeof(bool))};
	bool pointer = false;
	for (int i = 0; i < np; i++) {
		const struct pf_ir_type *t = b->params[i] ? b->params[i]->type : NULL;
		if (!t || t->kind != PF_T_POINTER)
			k.changed[i] = true;
		pointer |= !k.changed[i];
	}
	for (unsigned i = 0; pointer && i < b->nblocks; i++) {
		for (unsigned s = 0; s < b->blocks[i].nstmts; s++)
			pf_mark_changed(&k, b->blocks[i].stmts[s].expr);
		pf_mark_changed(&k, b->blocks[i].cond);
	}
	unsigned nb = b->nblocks > PF_KILL_BLOCKS ? 1 : b->nblocks;
	bool *seen = pf_xcalloc(b->nblocks, sizeof(bool));
	unsigned *stack = pf_xcalloc(b->nblocks, sizeof(unsigned));
	for (unsigned i = 0; pointer && i < nb; i++) {
		if (pf_exit_avoiding(b, i, seen, stack))
			continue;
		const struct pf_ir_block *bl = &b->blocks[i];
		for (unsigned s = 0; s < bl->nstmts; s++) {
			pf_kills_of_stmt(&k, &bl->stmts[s]);
			if (bl->stmts[s].kind == PF_S_RETURN)
				break;
		}
	}
	free(stack);
	free(seen);
	free(k.changed);
}
