/*
 * Library functions modelled by the engine rather than followed as code:
 * allocators and the functions that free memory, keyed by name in one
 * table of hooks (as smatch registers them with add_function_hook), the
 * va_list builtins, calls a rules propagator describes, functions with no
 * body and no rule (opaque: their arguments' data reaches their result and
 * what they may write), and the callbacks handed to them. libcurl's calls
 * are curl.c's.
 */
#include "engine/analyze_int.h"

#include <string.h>

/* Allocators and the functions that give memory back, keyed by name: a
 * function's model is looked up once, when the program is linked
 * (pf_name_model), and a call of it runs the hook of its model
 * (pf_model_call). An allocator gives a new object of the call site;
 * realloc also keeps what its first argument points to; free and its kind
 * move nothing. */
struct pf_model_hook {
	const char *name;
	enum pf_model model;
	/* modelled only when the program has no body for it; the others are
	 * modelled even when it compiles their body (redis links jemalloc,
	 * whose je_malloc returns memory carved out of arenas that live in
	 * globals: followed as code, every allocation of the program would be
	 * one object), and the functions that give memory back move no data:
	 * their bodies are the allocator's own business */
	bool without_body;
};

static const struct pf_model_hook pf_model_hooks[] = {
    {"valloc", PF_MODEL_ALLOC, true},
    {"memalign", PF_MODEL_ALLOC, true},
    {"pvalloc", PF_MODEL_ALLOC, true},
    {"xmalloc", PF_MODEL_ALLOC, true},
    {"xcalloc", PF_MODEL_ALLOC, true},
    {"reallocarray", PF_MODEL_REALLOC, true},
    {"xrealloc", PF_MODEL_REALLOC, true},
    {"malloc", PF_MODEL_ALLOC, false},
    {"calloc", PF_MODEL_ALLOC, false},
    {"aligned_alloc", PF_MODEL_ALLOC, false},
    {"je_malloc", PF_MODEL_ALLOC, false},
    {"je_calloc", PF_MODEL_ALLOC, false},
    {"je_mallocx", PF_MODEL_ALLOC, false},
    {"je_aligned_alloc", PF_MODEL_ALLOC, false},
    {"tc_malloc", PF_MODEL_ALLOC, false},
    {"tc_calloc", PF_MODEL_ALLOC, false},
    {"mi_malloc", PF_MODEL_ALLOC, false},
    {"mi_calloc", PF_MODEL_ALLOC, false},
    {"mi_zalloc", PF_MODEL_ALLOC, false},
    {"realloc", PF_MODEL_REALLOC, false},
    {"je_realloc", PF_MODEL_REALLOC, false},
    {"je_rallocx", PF_MODEL_REALLOC, false},
    {"tc_realloc", PF_MODEL_REALLOC, false},
    {"mi_realloc", PF_MODEL_REALLOC, false},
    {"free", PF_MODEL_FREE, false},
    {"je_free", PF_MODEL_FREE, false},
    {"je_sdallocx", PF_MODEL_FREE, false},
    {"je_dallocx", PF_MODEL_FREE, false},
    {"tc_free", PF_MODEL_FREE, false},
    {"mi_free", PF_MODEL_FREE, false},
    {"cfree", PF_MODEL_FREE, false},
    /* they tell about memory */
    {"malloc_usable_size", PF_MODEL_FREE, false},
    {"je_malloc_usable_size", PF_MODEL_FREE, false},
    {"je_nallocx", PF_MODEL_FREE, false},
    {"je_sallocx", PF_MODEL_FREE, false},
    {"je_mallctl", PF_MODEL_FREE, false},
    {"je_mallctlnametomib", PF_MODEL_FREE, false},
    {"je_mallctlbymib", PF_MODEL_FREE, false},
    {"je_malloc_stats_print", PF_MODEL_FREE, false},
    {"je_get_defrag_hint", PF_MODEL_FREE, false},
};

enum pf_model pf_name_model(const char *name, bool has_body)
{
	for (size_t i = 0; i < sizeof(pf_model_hooks) / sizeof(pf_model_hooks[0]); i++)
		if (strcmp(name, pf_model_hooks[i].name) == 0)
			return pf_model_hooks[i].without_body && has_body ? PF_MODEL_NONE
			                                                  : pf_model_hooks[i].model;
	return PF_MODEL_NONE;
}

static bool pf_model_alloc(struct pf_actx *cx, struct pf_val *args, unsigned nargs,
                           struct pf_ir_expr *call, struct pf_val *result)
{
	(void)args;
	(void)nargs;
	result->pts = pf_lset_one(&cx->a, pf_loc_root(cx, PF_ROOT_HEAP, call->u.call.site, NULL));
	return true;
}

static bool pf_model_free(struct pf_actx *cx, struct pf_val *args, unsigned nargs,
                          struct pf_ir_expr *call, struct pf_val *result)
{
	(void)cx;
	(void)args;
	(void)nargs;
	(void)call;
	(void)result;
	return true;
}

/* Without arguments, realloc is called as any other function. */
static bool pf_model_realloc(struct pf_actx *cx, struct pf_val *args, unsigned nargs,
                             struct pf_ir_expr *call, struct pf_val *result)
{
	if (nargs == 0)
		return false;
	result->pts = pf_lset_union(
	    &cx->a, args[0].pts,
	    pf_lset_one(&cx->a, pf_loc_root(cx, PF_ROOT_HEAP, call->u.call.site, NULL)));
	return true;
}

static bool (*const pf_model_calls[])(struct pf_actx *cx, struct pf_val *args, unsigned nargs,
                                      struct pf_ir_expr *call, struct pf_val *result) = {
    [PF_MODEL_ALLOC] = pf_model_alloc,
    [PF_MODEL_FREE] = pf_model_free,
    [PF_MODEL_REALLOC] = pf_model_realloc,
};

bool pf_model_call(struct pf_actx *cx, struct pf_fn *g, struct pf_val *args, unsigned nargs,
                   struct pf_ir_expr *call, struct pf_val *result)
{
	if (g->model == PF_MODEL_NONE)
		return false;
	return pf_model_calls[g->model](cx, args, nargs, call, result);
}

/* C library functions that keep a function they are handed and call it
 * themselves (a thread's start routine, a key's destructor, an exit
 * handler, a comparator), and never hand it back to the program: a
 * function whose address goes only to them is not one that a call through
 * the program's own pointers may reach (hooks.c). jemalloc hands its
 * `tsd_cleanup` to `pthread_key_create`, and by its type
 * (`void (*)(void *)`) every destructor of redis and hiredis reached it. */
static const char *const pf_callback_keepers[] = {
    "pthread_create",
    "pthread_key_create",
    "pthread_once",
    "pthread_atfork",
    "atexit",
    "at_quick_exit",
    "on_exit",
    "qsort",
    "qsort_r",
    "bsearch",
    "lfind",
    "lsearch",
    "tsearch",
    "tfind",
    "tdelete",
    "twalk",
    "tdestroy",
    "ftw",
    "nftw",
    "scandir",
    "scandirat",
    "glob",
    "dl_iterate_phdr",
};

/* Whether name is one of names[0..n). */
static bool pf_name_in(const char *name, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

bool pf_name_keeps_callback(const char *name)
{
	return pf_name_in(name, pf_callback_keepers,
	                  sizeof(pf_callback_keepers) / sizeof(pf_callback_keepers[0]));
}

/* Functions whose call ends the program on the spot, running nothing of
 * it after: code after their call is never reached, and what the path
 * wrote is never read again (assert's failure, `__builtin_unreachable()`
 * after redis's `_serverAssert`). Not those that return elsewhere or run
 * the program's own code after (exit and its atexit handlers, longjmp, a
 * thread's end, err), nor, for that reason, any function by its
 * `noreturn` attribute (git's die() runs atexit handlers). A handler of
 * SIGABRT is not followed: what abort's path wrote does not reach it. */
static const char *const pf_noreturn_names[] = {
    "abort",
    "__builtin_unreachable",
    "__builtin_trap",
    "__assert_fail",
    "__assert_perror_fail",
    "__stack_chk_fail",
    "_exit",
    "_Exit",
};

bool pf_name_noreturn(const char *name)
{
	return pf_name_in(name, pf_noreturn_names,
	                  sizeof(pf_noreturn_names) / sizeof(pf_noreturn_names[0]));
}

/* va_start: the list holds the function's variadic arguments (its
 * parameter port past the fixed ones, when it is demanded). */
static void pf_va_start(struct pf_actx *cx, struct pf_val *args)
{
	struct pf_port port = {.kind = PF_PORT_PARAM,
	                       .index = cx->body->decl->nparams,
	                       .deep = true,
	                       .path = cx->p->empty};
	struct pf_val w = pf_val_none;
	if (pf_demanded(cx->p, cx->fn, &port))
		w.labels = pf_tset_one(&cx->a, pf_origin(cx, &port), 0);
	pf_write(cx, args[0].pts, &w, false);
}

/* va_copy: the copy holds what the list holds. */
static void pf_va_copy(struct pf_actx *cx, struct pf_val *args)
{
	struct pf_val w = pf_val_none;
	w.labels = pf_read_set(cx, args[1].pts, false);
	pf_write(cx, args[0].pts, &w, false);
}

/* The va_list builtins by name, with the arguments each needs; the other
 * __builtin_va_ functions (va_end, va_arg) move nothing. */
static const struct pf_builtin_hook {
	const char *name;
	unsigned min_args;
	void (*call)(struct pf_actx *cx, struct pf_val *args);
} pf_builtin_hooks[] = {
    {"__builtin_va_start", 1, pf_va_start},
    {"__builtin_va_copy", 2, pf_va_copy},
};

bool pf_model_builtin(struct pf_actx *cx, struct pf_fn *g, struct pf_val *args, unsigned nargs)
{
	if (strncmp(g->name, "__builtin_va_", 13) != 0)
		return false;
	for (size_t i = 0; i < sizeof(pf_builtin_hooks) / sizeof(pf_builtin_hooks[0]); i++)
		if (strcmp(g->name, pf_builtin_hooks[i].name) == 0 &&
		    nargs >= pf_builtin_hooks[i].min_args)
			pf_builtin_hooks[i].call(cx, args);
	return true;
}

/* Where a rule writes "into argument i": what a pointer points to, or the
 * variable itself when a handle is passed by value (sentry_value_t). */
const struct pf_lset *pf_arg_target(struct pf_actx *cx, const struct pf_val *v,
                                    struct pf_ir_expr *argx)
{
	if (!argx || !argx->type || argx->type->kind == PF_T_POINTER ||
	    argx->type->kind == PF_T_ARRAY)
		return v->pts;
	if (argx->kind == PF_E_VAR || argx->kind == PF_E_FIELD || argx->kind == PF_E_INDEX)
		return pf_lval(cx, argx).locs;
	return &pf_lset_empty;
}

/* A library call modelled by a rules propagator. */
struct pf_val pf_propagate(struct pf_actx *cx, struct pf_fn *g, struct pf_val *args,
                           struct pf_ir_expr **argx, unsigned nargs, struct pf_ir_expr *call)
{
	const struct pf_rule_propagator *pr = g->prop;
	int nfixed = g->decl->nparams;
	const struct pf_tset *data = &pf_tset_empty;
	for (unsigned i = 0; i < nargs; i++)
		if (pr->from_all || pf_argpos_matches(pr->from, pr->nfrom, (int)i, nfixed))
			data = pf_tset_union(&cx->a, data, pf_arg_deep(cx, &args[i], argx[i]));
	struct pf_val result = pf_val_none;
	bool to_return = false;
	for (size_t k = 0; k < pr->nto; k++)
		if (pr->to[k].kind == PF_ARG_RETURN)
			to_return = true;
	const struct pf_lset *dest_pts = NULL;
	for (unsigned i = 0; i < nargs; i++) {
		bool is_to = false;
		for (size_t k = 0; k < pr->nto; k++)
			if ((pr->to[k].kind == PF_ARG_INDEX && pr->to[k].index == (int)i) ||
			    (pr->to[k].kind == PF_ARG_VARIADIC && (int)i >= nfixed))
				is_to = true;
		if (!is_to)
			continue;
		const char *dest = pf_describe(cx, argx[i]);
		const char *msg = dest ? pf_msg(cx, "copied into '%s' by '%s'", dest, g->name)
		                       : pf_msg(cx, "copied by '%s'", g->name);
		struct pf_val w = pf_val_none;
		w.labels = pf_extend(cx, data, call->pos, msg, NULL, 0, NULL);
		const struct pf_lset *target = pf_arg_target(cx, &args[i], argx[i]);
		pf_write(cx, target, &w, pr->replace && target->n == 1 && target == args[i].pts);
		if (!dest_pts && target == args[i].pts)
			dest_pts = args[i].pts;
	}
	if (to_return) {
		const char *msg = pf_msg(cx, "returned by '%s'", g->name);
		result.labels = pf_extend(cx, data, call->pos, msg, NULL, 0, NULL);
		if (dest_pts) {
			result.pts = dest_pts;
		} else {
			for (unsigned i = 0; i < nargs; i++)
				if (pr->from_all ||
				    pf_argpos_matches(pr->from, pr->nfrom, (int)i, nfixed))
					result.pts = pf_lset_union(&cx->a, result.pts, args[i].pts);
		}
	}
	return result;
}

/* A function with no body and no rule: its arguments' data reaches its
 * result and the objects its non-const pointer arguments point to. */
/* stdout and stderr: what is written to them leaves the program and is
 * never read back, so an opaque call (fprintf, fputs) writes nothing into
 * them; otherwise every such call would mix the data of all the others. */
static bool pf_is_std_stream(const struct pf_ir_expr *x)
{
	return x && x->kind == PF_E_VAR && x->u.var && x->u.var->kind == PF_V_GLOBAL &&
	       x->u.var->name &&
	       (strcmp(x->u.var->name, "stdout") == 0 || strcmp(x->u.var->name, "stderr") == 0);
}

struct pf_val pf_opaque(struct pf_actx *cx, struct pf_fn *g, struct pf_val *args,
                        struct pf_ir_expr **argx, unsigned nargs, struct pf_ir_expr *call)
{
	struct pf_fn *fn = cx->fn;
	int site = call->u.call.site;
	if (!fn->opaque_sites)
		fn->opaque_sites = PF_NEW_N(&cx->p->arena, uint8_t, cx->body->ncallsites + 1);
	if (site >= 0 && (unsigned)site <= cx->body->ncallsites && !fn->opaque_sites[site]) {
		fn->opaque_sites[site] = 1;
		cx->p->opaque_calls++;
	}
	const struct pf_tset *data = &pf_tset_empty;
	for (unsigned i = 0; i < nargs; i++)
		data = pf_tset_union(&cx->a, data, pf_arg_deep(cx, &args[i], argx[i]));
	struct pf_val result = pf_val_none;
	if (data->n == 0)
		return result;
	bool listed = false;
	for (size_t i = 0; i < cx->p->opaque.n && !listed; i++)
		listed = cx->p->opaque.v[i] == g->name;
	if (!listed)
		PF_VEC_PUSH(cx->p->opaque, g->name);
	const char *msg = pf_msg(cx, "passed through '%s', which has no body and no rule", g->name);
	data = pf_extend(cx, data, call->pos, msg, NULL, 0, NULL);
	result.labels = data;
	int nfixed = g->decl->nparams;
	for (unsigned i = 0; i < nargs; i++) {
		bool is_const = (int)i < nfixed ? g->decl->param_const_pointee[i]
		                                : (argx[i] && argx[i]->type &&
		                                   argx[i]->type->kind == PF_T_POINTER &&
		                                   argx[i]->type->target_const);
		if (is_const || !argx[i] || !argx[i]->type ||
		    (argx[i]->type->kind != PF_T_POINTER && argx[i]->type->kind != PF_T_ARRAY) ||
		    pf_is_std_stream(argx[i]))
			continue;
		struct pf_val w = pf_val_none;
		w.labels = data;
		pf_write(cx, args[i].pts, &w, false);
	}
	return result;
}

/* A function pointer handed to a function with no body (an argument of a
 * function pointer type) is assumed to be called with that call's other
 * arguments. */
void pf_callbacks(struct pf_actx *cx, struct pf_fn *g, struct pf_val *args,
                  struct pf_ir_expr **argx, unsigned nargs, struct pf_ir_expr *call)
{
	for (unsigned i = 0; i < nargs; i++) {
		/* only an argument of a function type: a string or a buffer
		 * that the model takes to point to some function as well
		 * (strcmp's and memcpy's, in git) calls nothing */
		if (argx && argx[i] && argx[i]->type && !pf_ir_function_type(argx[i]->type))
			continue;
		for (uint32_t k = 0; k < args[i].pts->n; k++) {
			struct pf_loc *l = &cx->locs.v[args[i].pts->v[k]];
			if (l->root != PF_ROOT_FUNC)
				continue;
			struct pf_fn *cb = cx->p->fns.v[l->index];
			if (cx->call_depth > PF_CALLBACK_DEPTH) {
				cx->callback_cut = g->name;
				continue;
			}
			struct pf_val other = pf_val_none;
			for (unsigned j = 0; j < nargs; j++)
				if (j != i)
					other = pf_val_union(cx, other, args[j]);
			unsigned n = cb->decl->nparams > 0 ? (unsigned)cb->decl->nparams : 0;
			struct pf_val *cargs = PF_NEW_N(&cx->a, struct pf_val, n + 1);
			struct pf_ir_expr **cargx = PF_NEW_N(&cx->a, struct pf_ir_expr *, n + 1);
			for (unsigned j = 0; j < n; j++)
				cargs[j] = other;
			const char *via =
			    pf_msg(cx, "called back by '%s' as '%s'", g->name, cb->name);
			cx->call_depth++;
			pf_apply_call(cx, cb, cargs, cargx, n, call, via);
			cx->call_depth--;
		}
	}
}
