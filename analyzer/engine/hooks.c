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
 * (`interproc/callback_kept_by_libc`). The program's wrappers of such
 * functions keep as they do (struct pf_keepers); a function named in a
 * global's initializer is held, kept by lowering or not.
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

/* What keeps a callback without the program holding it: the C library
 * functions that call what they are handed themselves
 * (pf_name_keeps_callback), the parameters of the program's functions
 * that go nowhere but to such an argument (a wrapper of
 * `pthread_create`: jemalloc's `pthread_create_wrapper(..., start_routine,
 * arg)`), and the global function pointers that hold nothing but such a
 * library function (`pthread_create_fptr = dlsym(RTLD_NEXT,
 * "pthread_create")`, or `= pthread_create`). */
struct pf_keepers {
	struct pf_program *p;
	uint64_t *params; /* per function: its parameters that only keep */
	bool *pointer;    /* per global: a pointer to keeping library functions */
	bool changed;
};

/* A library function that keeps its callbacks. */
static bool pf_keeper_fn(const struct pf_fn *f)
{
	return f && !f->body && pf_name_keeps_callback(f->name);
}

/* Whether a value stored in a global function pointer is a keeping
 * library function: itself, a null pointer, or what dlsym looks up by the
 * name of one. */
static bool pf_keeper_value(struct pf_program *p, const struct pf_ir_expr *e)
{
	e = pf_hook_strip(e);
	if (!e || e->kind == PF_E_CONST)
		return true;
	if (e->kind == PF_E_FUNC)
		return pf_keeper_fn(pf_program_callee(p, e));
	if (e->kind != PF_E_CALL || e->nkids < 3 || !e->kids[0] || e->kids[0]->kind != PF_E_FUNC)
		return false;
	const struct pf_fn *f = pf_program_callee(p, e->kids[0]);
	const struct pf_ir_expr *name = pf_hook_strip(e->kids[2]);
	if (!f || f->body || (strcmp(f->name, "dlsym") && strcmp(f->name, "dlvsym")) || !name ||
	    name->kind != PF_E_STRING || !name->u.text)
		return false;
	const struct pf_fn *named = pf_program_fn(p, name->u.text);
	return named ? pf_keeper_fn(named) : pf_name_keeps_callback(name->u.text);
}

/* The global function pointer e designates, or -1. */
static int pf_keeper_global(struct pf_program *p, const struct pf_ir_expr *e)
{
	e = pf_hook_strip(e);
	if (e && e->kind == PF_E_DEREF && e->nkids == 1)
		e = pf_hook_strip(e->kids[0]);
	if (!e || e->kind != PF_E_VAR || !e->u.var || e->u.var->kind != PF_V_GLOBAL ||
	    e->u.var->index < 0 || (size_t)e->u.var->index >= p->globals.n ||
	    !pf_ir_function_type(e->u.var->type))
		return -1;
	return e->u.var->index;
}

/* Clears pointer[g] for every global function pointer that is stored
 * anything but a keeping library function, or whose address is taken. */
static void pf_keeper_stores(struct pf_keepers *k, const struct pf_ir_expr *e)
{
	if (!e)
		return;
	int g;
	if (e->kind == PF_E_ASSIGN && e->nkids > 1 && e->kids[0]->kind == PF_E_VAR &&
	    (g = pf_keeper_global(k->p, e->kids[0])) >= 0 &&
	    (e->u.assign.compound || !pf_keeper_value(k->p, e->kids[1])))
		k->pointer[g] = false;
	if (e->kind == PF_E_ADDR && e->nkids && (g = pf_keeper_global(k->p, e->kids[0])) >= 0)
		k->pointer[g] = false;
	for (unsigned i = 0; i < e->nkids; i++)
		pf_keeper_stores(k, e->kids[i]);
}

/* Whether argument i (1-based kid of call e) keeps what it is handed. */
static bool pf_keeper_arg(const struct pf_keepers *k, const struct pf_ir_expr *e, unsigned i)
{
	const struct pf_ir_expr *c = e->nkids ? e->kids[0] : NULL;
	if (!c || i == 0)
		return false;
	if (c->kind == PF_E_FUNC) {
		const struct pf_fn *f = pf_program_callee(k->p, c);
		if (!f)
			return false;
		if (!f->body)
			return pf_keeper_fn(f);
		return i - 1 < 64 && (k->params[f->id] >> (i - 1) & 1);
	}
	int g = pf_keeper_global(k->p, c);
	return g >= 0 && k->pointer[g];
}

/* Whether a kid of e (not a call) is where e is: e kept, under casts. */
static bool pf_keeper_through(const struct pf_ir_expr *e, bool kept)
{
	return kept && (e->kind == PF_E_COMBINE || e->kind == PF_E_ADDR) && e->nkids == 1;
}

/* Clears the bits of fn's parameters that e uses elsewhere than kept. */
static void pf_keeper_uses(struct pf_keepers *k, int fn, const struct pf_ir_expr *e, bool kept)
{
	if (!e)
		return;
	if (e->kind == PF_E_VAR && e->u.var && e->u.var->kind == PF_V_PARAM && !kept) {
		int i = e->u.var->index;
		if (i >= 0 && i < 64 && (k->params[fn] >> i & 1)) {
			k->params[fn] &= ~(1ULL << i);
			k->changed = true;
		}
		return;
	}
	for (unsigned i = 0; i < e->nkids; i++)
		pf_keeper_uses(k, fn, e->kids[i],
		               e->kind == PF_E_CALL ? pf_keeper_arg(k, e, i)
		                                    : pf_keeper_through(e, kept));
}

static void pf_keepers_find(struct pf_keepers *k)
{
	struct pf_program *p = k->p;
	for (size_t i = 0; i < p->globals.n; i++) {
		const struct pf_global *g = &p->globals.v[i];
		k->pointer[i] = g->defined && pf_keeper_value(p, g->init);
	}
	for (size_t i = 0; i < p->fns.n; i++) {
		const struct pf_ir_func *b = p->fns.v[i]->body;
		for (unsigned j = 0; b && j < b->nblocks; j++) {
			for (unsigned s = 0; s < b->blocks[j].nstmts; s++)
				pf_keeper_stores(k, b->blocks[j].stmts[s].expr);
			pf_keeper_stores(k, b->blocks[j].cond);
		}
		int n = b && b->decl ? b->decl->nparams : 0;
		k->params[i] = n <= 0 ? 0 : n >= 64 ? ~0ULL : (1ULL << n) - 1;
	}
	for (size_t i = 0; i < p->globals.n; i++)
		pf_keeper_stores(k, p->globals.v[i].init);
	/* the parameters that only keep: from all of them, down to those
	 * that go, unchanged, only to keeping arguments (recursion included) */
	do {
		k->changed = false;
		for (size_t i = 0; i < p->fns.n; i++) {
			const struct pf_ir_func *b = p->fns.v[i]->body;
			for (unsigned j = 0; b && j < b->nblocks && k->params[i]; j++) {
				for (unsigned s = 0; s < b->blocks[j].nstmts; s++)
					pf_keeper_uses(k, (int)i, b->blocks[j].stmts[s].expr,
					               false);
				pf_keeper_uses(k, (int)i, b->blocks[j].cond, false);
			}
		}
	} while (k->changed);
}

/* Functions named anywhere but as a callee or as an argument that keeps
 * its callbacks (kept: at that argument, under casts) are held by the
 * program. */
static void pf_held_scan(const struct pf_keepers *k, const struct pf_ir_expr *e, bool kept,
                         bool *held)
{
	if (!e)
		return;
	if (e->kind == PF_E_FUNC) {
		struct pf_fn *f = pf_program_callee(k->p, e);
		if (f && !kept)
			held[f->id] = true;
		return;
	}
	for (unsigned i = 0; i < e->nkids; i++) {
		if (e->kind == PF_E_CALL && i == 0 && e->kids[0] && e->kids[0]->kind == PF_E_FUNC)
			continue; /* the callee */
		pf_held_scan(k, e->kids[i],
		             e->kind == PF_E_CALL ? pf_keeper_arg(k, e, i)
		                                  : pf_keeper_through(e, kept),
		             held);
	}
}

void pf_hooks_fix(struct pf_program *p)
{
	struct pf_hscan h = {.p = p, .fn = -1};
	h.assigned = pf_xcalloc(p->globals.n + 1, sizeof(bool));
	h.lost = pf_xcalloc(p->globals.n + 1, sizeof(bool));
	h.direct = pf_xcalloc(p->fns.n + 1, sizeof(bool));
	bool *held = pf_xcalloc(p->fns.n + 1, sizeof(bool));
	struct pf_keepers k = {.p = p};
	k.params = pf_xcalloc(p->fns.n + 1, sizeof(*k.params));
	k.pointer = pf_xcalloc(p->globals.n + 1, sizeof(bool));
	pf_keepers_find(&k);
	for (size_t i = 0; i < p->fns.n; i++) {
		const struct pf_ir_func *b = p->fns.v[i]->body;
		h.fn = (int)i;
		for (unsigned j = 0; b && j < b->nblocks; j++) {
			for (unsigned s = 0; s < b->blocks[j].nstmts; s++) {
				pf_hook_scan(&h, b->blocks[j].stmts[s].expr, false);
				pf_held_scan(&k, b->blocks[j].stmts[s].expr, false, held);
			}
			pf_hook_scan(&h, b->blocks[j].cond, false);
			pf_held_scan(&k, b->blocks[j].cond, false, held);
		}
	}
	h.fn = -1;
	for (size_t i = 0; i < p->globals.n; i++)
		pf_hook_scan(&h, p->globals.v[i].init, false);
	/* a function named in an initializer is in the program's tables:
	 * held, from the names lowering lists for every initializer, also
	 * where it left a large one out (redis's table of commands) */
	for (size_t t = 0; t < p->ntus; t++) {
		for (size_t i = 0; i < p->tus[t]->naddr_taken; i++) {
			struct pf_fn *f = pf_program_fn(p, p->tus[t]->addr_taken[i]);
			if (f)
				held[f->id] = true;
		}
	}
	for (size_t i = 0; i < p->fns.n; i++) {
		struct pf_fn *f = p->fns.v[i];
		f->library_only = f->address_taken && !held[i];
		if (f->library_only && p->debug)
			fprintf(stderr, "engine: '%s' is kept only by the C library\n", f->name);
	}
	free(held);
	free(k.params);
	free(k.pointer);
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
