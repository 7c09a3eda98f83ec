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
 * A record of such hooks is the same, assigned whole: hiredis's
 * `hiredisAllocFns` (`{.mallocFn = malloc, ..., .freeFn = free}`), set
 * otherwise only by `hiredisSetAllocators(override)` (`= *override`) and
 * reset by `hiredisResetAllocators()` to a literal of the same functions;
 * read as unknown, every `hi_free(p)` reached each of jemalloc's internal
 * functions of its type (`interproc/hook_record_set_by_library_user`).
 *
 * The other way round, a function whose address goes only to C library
 * functions that call it themselves and never hand it back
 * (pf_name_keeps_callback: `pthread_key_create(&key, tsd_cleanup)`) is
 * held by nothing of the program: a call through the program's own
 * pointers does not reach it (pf_fn.library_only). By its type, jemalloc's
 * `tsd_cleanup` was a target of every `void (*)(void *)` destructor redis
 * and hiredis call through a pointer, and its flows (jemalloc's thread
 * state, arenas, profiling) took most of redis's analysis
 * (`interproc/callback_kept_by_libc`).
 *
 * Both are found syntactically, once, at the link.
 */
#include "engine/engine_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* The global an lvalue designates (itself, a member or an element of it),
 * if it is a function pointer, or a record its initializer fills, whose
 * contents the analysis does not know at entry: its index, else -1. */
static int pf_hook_candidate(const struct pf_program *p, const struct pf_ir_expr *e)
{
	const struct pf_ir_var *v = pf_lvalue_global(e);
	if (!v || v->index < 0 || (size_t)v->index >= p->globals.n)
		return -1;
	const struct pf_global *g = &p->globals.v[v->index];
	if (!g->defined || g->constant || g->zero)
		return -1;
	if (pf_ir_function_type(v->type) ||
	    (v->type && v->type->kind == PF_T_RECORD && g->init && g->init->kind == PF_E_INIT))
		return v->index;
	return -1;
}

/* a and b hold the same functions and constants, in the same places (an
 * assignment of a literal that its initializer already holds). */
static bool pf_hook_same(struct pf_program *p, const struct pf_ir_expr *a,
                         const struct pf_ir_expr *b, int depth)
{
	a = pf_hook_strip(a);
	b = pf_hook_strip(b);
	if (!a || !b || a->kind != b->kind || depth > PF_CONSTANT_DEPTH)
		return false;
	switch (a->kind) {
	case PF_E_FUNC: {
		struct pf_fn *f = pf_program_callee(p, a);
		return f && f == pf_program_callee(p, b);
	}
	case PF_E_CONST:
		return a->u.text == b->u.text ||
		       (a->u.text && b->u.text && !strcmp(a->u.text, b->u.text));
	case PF_E_INIT:
		if (a->nkids != b->nkids || a->u.init.is_array != b->u.init.is_array)
			return false;
		for (unsigned i = 0; i < a->nkids; i++) {
			const char *da = a->u.init.designator ? a->u.init.designator[i] : NULL;
			const char *db = b->u.init.designator ? b->u.init.designator[i] : NULL;
			int ea = a->u.init.element ? a->u.init.element[i] : -1;
			int eb = b->u.init.element ? b->u.init.element[i] : -1;
			if (ea != eb || (da != db && (!da || !db || strcmp(da, db))) ||
			    !pf_hook_same(p, a->kids[i], b->kids[i], depth + 1))
				return false;
		}
		return true;
	default:
		return false;
	}
}

/* An assignment of global gi (e->kids[0]) is harmless when it stores what
 * its initializer holds, or a parameter or what a parameter points to
 * (kept for the end). */
static void pf_hook_assign(struct pf_hscan *h, const struct pf_ir_expr *e, int gi)
{
	const struct pf_global *g = &h->p->globals.v[gi];
	h->assigned[gi] = true;
	const struct pf_ir_expr *rhs = pf_hook_strip(e->nkids > 1 ? e->kids[1] : NULL);
	if (rhs && rhs->kind == PF_E_DEREF && rhs->nkids == 1)
		rhs = pf_hook_strip(rhs->kids[0]);
	if (!rhs || e->u.assign.compound) {
		h->lost[gi] = true;
	} else if (rhs->kind == PF_E_FUNC || rhs->kind == PF_E_INIT) {
		if (!pf_hook_same(h->p, rhs, g->init, 0))
			h->lost[gi] = true;
	} else if (rhs->kind == PF_E_VAR && rhs->u.var && rhs->u.var->kind == PF_V_PARAM &&
	           h->fn >= 0) {
		struct pf_hook_write w = {gi, h->fn};
		PF_VEC_PUSH(h->writes, w);
	} else {
		h->lost[gi] = true;
	}
}

/* `base` says e is the object of a member access or an index, where an
 * array stays an array (as the link's facts read it). */
static void pf_hook_scan(struct pf_hscan *h, const struct pf_ir_expr *e, bool base)
{
	if (!e)
		return;
	int gi;
	if (e->kind == PF_E_ASSIGN && e->nkids && (gi = pf_hook_candidate(h->p, e->kids[0])) >= 0) {
		if (e->kids[0]->kind == PF_E_VAR)
			pf_hook_assign(h, e, gi);
		else /* a member or an element: where we do not look */
			h->assigned[gi] = h->lost[gi] = true;
		for (unsigned i = 1; i < e->nkids; i++)
			pf_hook_scan(h, e->kids[i], false);
		return;
	}
	/* its address taken, or an array in it used as a pointer: written
	 * where we do not look */
	if (e->kind == PF_E_ADDR && e->nkids && (gi = pf_hook_candidate(h->p, e->kids[0])) >= 0)
		h->lost[gi] = true;
	else if (!base && e->type && e->type->kind == PF_T_ARRAY &&
	         (gi = pf_hook_candidate(h->p, e)) >= 0)
		h->lost[gi] = true;
	if (e->kind == PF_E_CALL && e->nkids && e->kids[0] && e->kids[0]->kind == PF_E_FUNC) {
		struct pf_fn *f = pf_program_callee(h->p, e->kids[0]);
		if (f)
			h->direct[f->id] = true;
	}
	for (unsigned i = 0; i < e->nkids; i++)
		pf_hook_scan(h, e->kids[i],
		             i == 0 && (e->kind == PF_E_INDEX ||
		                        (e->kind == PF_E_FIELD && !e->u.field.arrow)));
}

/* Functions named anywhere but as a callee or as an argument of a C
 * library function that keeps its callbacks (kept: at that argument,
 * under casts) are held by the program. */
static void pf_held_scan(struct pf_program *p, const struct pf_ir_expr *e, bool kept, bool *held)
{
	if (!e)
		return;
	if (e->kind == PF_E_FUNC) {
		struct pf_fn *f = pf_program_callee(p, e);
		if (f && !kept)
			held[f->id] = true;
		return;
	}
	bool keeper = false;
	if (e->kind == PF_E_CALL && e->nkids && e->kids[0] && e->kids[0]->kind == PF_E_FUNC) {
		struct pf_fn *g = pf_program_callee(p, e->kids[0]);
		keeper = g && !g->body && pf_name_keeps_callback(g->name);
	}
	for (unsigned i = 0; i < e->nkids; i++) {
		if (e->kind == PF_E_CALL && i == 0 && e->kids[0] && e->kids[0]->kind == PF_E_FUNC)
			continue; /* the callee */
		bool k = e->kind == PF_E_CALL
		             ? keeper && i > 0
		             : kept && (e->kind == PF_E_COMBINE || e->kind == PF_E_ADDR) &&
		                   e->nkids == 1;
		pf_held_scan(p, e->kids[i], k, held);
	}
}

void pf_hooks_fix(struct pf_program *p)
{
	struct pf_hscan h = {.p = p, .fn = -1};
	h.assigned = pf_xcalloc(p->globals.n + 1, sizeof(bool));
	h.lost = pf_xcalloc(p->globals.n + 1, sizeof(bool));
	h.direct = pf_xcalloc(p->fns.n + 1, sizeof(bool));
	bool *held = pf_xcalloc(p->fns.n + 1, sizeof(bool));
	for (size_t i = 0; i < p->fns.n; i++) {
		const struct pf_ir_func *b = p->fns.v[i]->body;
		h.fn = (int)i;
		for (unsigned k = 0; b && k < b->nblocks; k++) {
			for (unsigned s = 0; s < b->blocks[k].nstmts; s++) {
				pf_hook_scan(&h, b->blocks[k].stmts[s].expr, false);
				pf_held_scan(p, b->blocks[k].stmts[s].expr, false, held);
			}
			pf_hook_scan(&h, b->blocks[k].cond, false);
			pf_held_scan(p, b->blocks[k].cond, false, held);
		}
	}
	h.fn = -1;
	for (size_t i = 0; i < p->globals.n; i++) {
		pf_hook_scan(&h, p->globals.v[i].init, false);
		pf_held_scan(p, p->globals.v[i].init, false, held);
	}
	for (size_t i = 0; i < p->fns.n; i++)
		p->fns.v[i]->library_only = p->fns.v[i]->address_taken && !held[i];
	free(held);
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
