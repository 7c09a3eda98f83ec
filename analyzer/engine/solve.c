/*
 * The whole-program fixpoint and the findings. Functions are analyzed
 * callees first; when a summary changes, the functions that used it are
 * analyzed again, until nothing changes (recursion included). Globals are
 * then solved flow-insensitively: what any function stores in a global
 * reaches every function that reads it. Every edge from a source into a
 * sink, directly or through a global, becomes a finding.
 */
#include "engine/engine_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/ptrmap.h"
#include "util/timing.h"

static void pf_postorder(struct pf_program *p, struct pf_fn *fn, bool *seen, int *order, size_t *n,
                         int depth)
{
	if (seen[fn->id])
		return;
	seen[fn->id] = true;
	struct pf_ir_func *b = fn->body;
	if (b && depth < PF_POSTORDER_DEPTH) {
		for (unsigned i = 0; i < b->nblocks; i++) {
			for (unsigned s = 0; s < b->blocks[i].nstmts; s++) {
				/* direct callees appear as FUNC nodes; a shallow scan of
				 * the statement's call is enough to order most work */
				struct pf_ir_expr *e = b->blocks[i].stmts[s].expr;
				struct pf_ir_expr *stack[PF_POSTORDER_STACK];
				int sp = 0;
				if (e)
					stack[sp++] = e;
				while (sp) {
					struct pf_ir_expr *x = stack[--sp];
					struct pf_fn *g =
					    x->kind == PF_E_FUNC ? pf_program_callee(p, x) : NULL;
					if (g && g->model == PF_MODEL_NONE)
						pf_postorder(p, g, seen, order, n, depth + 1);
					for (unsigned k = 0;
					     k < x->nkids && sp < PF_POSTORDER_STACK; k++)
						stack[sp++] = x->kids[k];
				}
			}
		}
	}
	if (fn->body)
		order[(*n)++] = fn->id;
}

/* ---- which functions can matter ---- */

/* A union-find over functions, globals and nodes for calls through
 * pointers: one per function type, which the address-taken functions of
 * that type (or converted to it) and the calls through a pointer of that
 * type join; one per number of arguments, for calls through a type no
 * address-taken function has (the engine then tries every function with
 * as many parameters); and one for functions held as data pointers
 * (`void *`), which every call through a pointer joins. */
struct pf_uf {
	PF_VEC(size_t) up;
};

static size_t pf_uf_new(struct pf_uf *u)
{
	size_t i = u->up.n;
	PF_VEC_PUSH(u->up, i);
	return i;
}

static size_t pf_uf_find(struct pf_uf *u, size_t x)
{
	size_t *up = u->up.v;
	while (up[x] != x) {
		up[x] = up[up[x]];
		x = up[x];
	}
	return x;
}

static void pf_uf_join(struct pf_uf *u, size_t a, size_t b)
{
	a = pf_uf_find(u, a);
	b = pf_uf_find(u, b);
	if (a != b)
		u->up.v[a < b ? b : a] = a < b ? a : b;
}

struct pf_scan {
	struct pf_program *p;
	struct pf_uf uf;
	size_t self;
	struct pf_ptrmap types;           /* interned spelling -> its node + 1 */
	struct pf_ptrmap own;             /* spellings of address-taken functions' own types */
	size_t arity[PF_ARITY_NODES + 1]; /* node + 1 per number of arguments */
	size_t untyped;                   /* node + 1 of functions held as data */
	bool sink, curl, endpoint;
};

static bool pf_is_curl_send(const char *name)
{
	return strcmp(name, "curl_easy_setopt") == 0 || strcmp(name, "curl_easy_perform") == 0;
}

static size_t pf_type_node(struct pf_scan *sc, const char *spelling)
{
	const char *k = pf_intern(&sc->p->strings, spelling);
	size_t v = (size_t)(uintptr_t)pf_ptrmap_get(&sc->types, k);
	if (!v) {
		v = pf_uf_new(&sc->uf) + 1;
		pf_ptrmap_put(&sc->types, k, (void *)(uintptr_t)v);
	}
	return v - 1;
}

/* The node of the calls through a pointer with nargs arguments whose type
 * no address-taken function has: every address-taken function the engine
 * would try for them joins it. */
static size_t pf_arity_node(struct pf_scan *sc, unsigned nargs)
{
	unsigned k = nargs < PF_ARITY_NODES ? nargs : PF_ARITY_NODES;
	if (!sc->arity[k]) {
		sc->arity[k] = pf_uf_new(&sc->uf) + 1;
		struct pf_program *p = sc->p;
		for (size_t i = 0; i < p->address_taken.n; i++) {
			const struct pf_ir_fdecl *d = p->address_taken.v[i]->decl;
			if (d->nparams == (int)nargs || (d->variadic && d->nparams <= (int)nargs) ||
			    k == PF_ARITY_NODES)
				pf_uf_join(&sc->uf, sc->arity[k] - 1,
				           (size_t)p->address_taken.v[i]->id);
		}
	}
	return sc->arity[k] - 1;
}

/* A function designator used as a value of type t (a conversion to
 * another function type, or to a data pointer). */
static void pf_scan_converted(struct pf_scan *sc, const struct pf_ir_type *t, struct pf_fn *g)
{
	const struct pf_ir_type *ft = pf_ir_function_type(t);
	const struct pf_ir_type *own = pf_ir_function_type(g->decl->type);
	if (ft && ft->spelling) {
		pf_uf_join(&sc->uf, (size_t)g->id, pf_type_node(sc, ft->spelling));
		const char *cast = pf_intern(&sc->p->strings, ft->spelling);
		bool known = own && own->spelling && strcmp(own->spelling, cast) == 0;
		for (size_t i = 0; i < g->cast_types.n && !known; i++)
			known = g->cast_types.v[i] == cast;
		if (!known) {
			PF_VEC_PUSH(g->cast_types, cast);
			g->escapes = true;
		}
	} else if (t && t->kind == PF_T_POINTER) {
		g->escapes = true;
		if (!sc->untyped)
			sc->untyped = pf_uf_new(&sc->uf) + 1;
		pf_uf_join(&sc->uf, (size_t)g->id, sc->untyped - 1);
	}
}

static void pf_scan_expr(struct pf_scan *sc, const struct pf_ir_expr *e)
{
	if (!e)
		return;
	struct pf_program *p = sc->p;
	switch (e->kind) {
	case PF_E_FUNC: {
		struct pf_fn *g = pf_program_callee(p, e);
		/* a call of an allocator modelled by its name links nothing */
		if (g && g->model == PF_MODEL_NONE) {
			pf_uf_join(&sc->uf, sc->self, (size_t)g->id);
			if (g->sinks.n)
				sc->sink = true;
			if (pf_is_curl_send(g->name))
				sc->curl = true;
		}
		break;
	}
	case PF_E_VAR:
		if (e->u.var && e->u.var->kind == PF_V_GLOBAL && e->u.var->index >= 0)
			pf_uf_join(&sc->uf, sc->self, p->fns.n + (size_t)e->u.var->index);
		break;
	case PF_E_CALL:
		/* a call through a global whose contents are known (a constant,
		 * a hook only the library's users set) reaches what its
		 * initializer holds, linked through the global's own node */
		if (e->nkids && e->kids[0] && e->kids[0]->kind != PF_E_FUNC &&
		    !pf_in_fixed_global(p, e->kids[0])) {
			const struct pf_ir_type *ft = pf_ir_function_type(e->kids[0]->type);
			unsigned nargs = e->nkids - 1;
			if (ft && ft->spelling) {
				pf_uf_join(&sc->uf, sc->self, pf_type_node(sc, ft->spelling));
				if (!pf_ptrmap_get(&sc->own, pf_intern(&p->strings, ft->spelling)))
					pf_uf_join(&sc->uf, sc->self, pf_arity_node(sc, nargs));
			} else {
				pf_uf_join(&sc->uf, sc->self, pf_arity_node(sc, nargs));
			}
		}
		/* a function handed to one without a body may come back from it
		 * as a `void *` or another type, out of the analysis' sight */
		struct pf_fn *callee = e->nkids && e->kids[0] && e->kids[0]->kind == PF_E_FUNC
		                           ? pf_program_callee(p, e->kids[0])
		                           : NULL;
		if (callee)
			callee->called = true;
		for (unsigned i = 1; i < e->nkids && (!callee || !callee->body); i++) {
			struct pf_fn *g = e->kids[i] && e->kids[i]->kind == PF_E_FUNC
			                      ? pf_program_callee(p, e->kids[i])
			                      : NULL;
			if (g)
				g->escapes = true;
		}
		break;
	case PF_E_COMBINE:
	case PF_E_ASSIGN:
		/* a cast of a function, or its address stored with another type */
		for (unsigned i = 0; i < e->nkids; i++) {
			const struct pf_ir_expr *k = e->kids[i];
			struct pf_fn *g =
			    k && k->kind == PF_E_FUNC ? pf_program_callee(p, k) : NULL;
			if (g && (e->kind == PF_E_COMBINE || i == 1)) {
				const struct pf_ir_type *t = e->kind == PF_E_ASSIGN && e->kids[0]
				                                 ? e->kids[0]->type
				                                 : e->type;
				pf_scan_converted(sc, t, g);
			}
		}
		break;
	case PF_E_STRING: {
		char host[256];
		const struct pf_rules *r = p->opts->rules;
		if (r && e->u.text && !sc->endpoint &&
		    pf_rules_url_host(e->u.text, host, sizeof(host)) &&
		    pf_rules_find_endpoint(r, host))
			sc->endpoint = true;
		break;
	}
	default:
		break;
	}
	for (unsigned i = 0; i < e->nkids; i++)
		pf_scan_expr(sc, e->kids[i]);
}

/* Marks the functions whose summaries can take part in a finding: those
 * connected, through calls (either way), shared globals and calls through
 * pointers of a matching type, to a call of a sink. Data moves between
 * functions only along those links, so the others cannot change what is
 * reported and are not analyzed: a program with no sink is not analyzed at
 * all. A call through a pointer that reaches a function outside them (its
 * address converted in a way this scan does not see) makes that function
 * join the fixpoint then (pf_activate). libcurl's calls are sinks only
 * when some string of the program names a catalog host. Returns how many
 * functions with a body are marked. */
static size_t pf_relevant(struct pf_program *p, bool *relevant)
{
	size_t nf = p->fns.n, ng = p->globals.n;
	bool *seed = pf_xcalloc(nf + 1, sizeof(bool));
	bool *curl_seed = pf_xcalloc(nf + 1, sizeof(bool));
	struct pf_scan sc = {.p = p};
	for (size_t i = 0; i < nf + ng; i++)
		pf_uf_new(&sc.uf);
	for (size_t i = 0; i < p->address_taken.n; i++) {
		struct pf_fn *g = p->address_taken.v[i];
		g->called = true; /* through a pointer */
		const struct pf_ir_type *t = pf_ir_function_type(g->decl->type);
		if (t && t->spelling) {
			pf_uf_join(&sc.uf, (size_t)g->id, pf_type_node(&sc, t->spelling));
			pf_ptrmap_put(&sc.own, pf_intern(&p->strings, t->spelling), (void *)1);
		}
	}
	for (size_t i = 0; i < nf; i++) {
		struct pf_fn *fn = p->fns.v[i];
		if (!fn->body || fn->model != PF_MODEL_NONE)
			continue;
		sc.self = i;
		sc.sink = sc.curl = false;
		for (unsigned b = 0; b < fn->body->nblocks; b++) {
			const struct pf_ir_block *bl = &fn->body->blocks[b];
			for (unsigned k = 0; k < bl->nstmts; k++)
				pf_scan_expr(&sc, bl->stmts[k].expr);
			pf_scan_expr(&sc, bl->cond);
		}
		seed[i] = sc.sink;
		curl_seed[i] = sc.curl;
	}
	/* globals' initializers: the functions a table names, and a URL kept
	 * in a global */
	for (size_t i = 0; i < ng; i++) {
		sc.self = nf + i;
		pf_scan_expr(&sc, p->globals.v[i].init);
	}
	/* functions held as data pointers may come back as any function type */
	if (sc.untyped)
		for (size_t i = 0; i < sc.types.cap; i++)
			if (sc.types.keys[i])
				pf_uf_join(&sc.uf, sc.untyped - 1,
				           (size_t)(uintptr_t)sc.types.vals[i] - 1);
	/* libcurl sends personal data to a vendor only where some string names
	 * a catalog host */
	for (size_t i = 0; i < nf; i++)
		seed[i] |= curl_seed[i] && sc.endpoint;
	bool *root_live = pf_xcalloc(sc.uf.up.n + 1, sizeof(bool));
	for (size_t i = 0; i < nf; i++)
		if (seed[i])
			root_live[pf_uf_find(&sc.uf, i)] = true;
	/* a sink reached through a pointer: the calls that may reach it */
	for (size_t i = 0; i < p->address_taken.n; i++)
		if (p->address_taken.v[i]->sinks.n)
			root_live[pf_uf_find(&sc.uf, (size_t)p->address_taken.v[i]->id)] = true;
	size_t n = 0;
	for (size_t i = 0; i < nf; i++) {
		struct pf_fn *fn = p->fns.v[i];
		relevant[i] =
		    fn->body && fn->model == PF_MODEL_NONE && root_live[pf_uf_find(&sc.uf, i)];
		n += relevant[i];
	}
	free(root_live);
	free(seed);
	free(curl_seed);
	PF_VEC_FREE(sc.uf.up);
	pf_ptrmap_free(&sc.types);
	pf_ptrmap_free(&sc.own);
	return n;
}

/* Queues fn for analysis (again), at its rank, unless it waits already or
 * is not part of the fixpoint. */
static void pf_enqueue(size_t *q, size_t *count, const int *rank, const bool *seen,
                       struct pf_fn *fn)
{
	if (fn->queued || !fn->body || !seen[fn->id])
		return;
	pf_heap_push(q, count, (size_t)rank[fn->id]);
	fn->queued = true;
}

/* Once the fixpoint has settled: a warning for each bound that the last
 * analysis of a function met and that can lose flows (pf_fn.cuts). Past the
 * program's budget the program's own warning says it all. */
static void pf_warn_cuts(struct pf_program *p)
{
	if (p->exhausted)
		return;
	for (size_t i = 0; i < p->fns.n; i++) {
		const struct pf_fn *fn = p->fns.v[i];
		if (!fn->analyzed)
			continue;
		if (fn->constants_cut)
			pf_program_budget(
			    p, fn->decl->pos,
			    "the flow analysis of '%s' reads a constant global more "
			    "than %d levels deep in an expression or initializer, and "
			    "reads it as any other global: a call through it may reach "
			    "every function of its type, and a URL kept in it is no "
			    "endpoint; flows through it may be missed",
			    fn->name, PF_CONSTANT_DEPTH);
		if (fn->cuts & PF_CUT_DEEP)
			pf_program_budget(p, fn->decl->pos,
			                  "the flow analysis of '%s' stopped reading what a value "
			                  "reaches at %d pointers, %d locations or %d fields of "
			                  "one; flows through what lies further may be missed",
			                  fn->name, PF_DEEP_POINTERS, PF_DEEP_LOCS,
			                  PF_DEEP_CHILDREN);
		if (fn->cuts & PF_CUT_EMIT)
			pf_program_budget(p, fn->decl->pos,
			                  "the summary of '%s' leaves out what lies more than %d "
			                  "fields or pointers below an object it writes; flows "
			                  "through it may be missed",
			                  fn->name, PF_EMIT_DEPTH);
		if (fn->cuts & PF_CUT_CALLBACK)
			pf_program_budget(
			    p, fn->decl->pos,
			    "the flow analysis of '%s' did not call back a function "
			    "handed to '%s' inside %d callbacks already; flows through "
			    "it may be missed",
			    fn->name, fn->callback_cut, PF_CALLBACK_DEPTH + 1);
		if (fn->cuts & PF_CUT_DCALL)
			pf_program_budget(p, fn->decl->pos,
			                  "the flow analysis of '%s' did not make a call through a "
			                  "function pointer handed to '%s' inside %d such calls "
			                  "already; flows through it may be missed",
			                  fn->name, fn->dcall_cut, PF_DCALL_DEPTH);
	}
}

static void pf_fixpoint(struct pf_program *p, const bool *relevant)
{
	size_t nf = p->fns.n;
	bool *seen = pf_xcalloc(nf + 1, sizeof(bool));
	int *order = pf_xcalloc(nf + 1, sizeof(int));
	size_t n = 0;
	for (size_t i = 0; i < nf; i++)
		if (p->fns.v[i]->body && relevant[i])
			pf_postorder(p, p->fns.v[i], seen, order, &n, 0);
	/* the queue: a heap of postorder ranks, so that whatever is queued,
	 * callees run before their callers (a changed summary re-queues its
	 * callers, which then wait for the rest of what is below them) */
	int *rank = pf_xcalloc(nf + 1, sizeof(int));
	for (size_t i = 0; i < n; i++)
		rank[order[i]] = (int)i;
	size_t *q = pf_xcalloc(nf + 1, sizeof(*q));
	size_t count = 0;
	for (size_t i = 0; i < n; i++) {
		q[count++] = i; /* ranks in order already form a heap */
		p->fns.v[order[i]]->queued = true;
		p->fns.v[order[i]]->member = true;
	}
	size_t analyses = 0, kept = 0, once = 0;
	uint64_t ops_start = pf_lattice_ops;
	uint64_t budget = PF_PROGRAM_OPS_PER_FN * n;
	if (budget < PF_PROGRAM_OPS_MIN)
		budget = PF_PROGRAM_OPS_MIN;
	if (p->opts->budget == 0)
		budget = UINT64_MAX;
	else if (p->opts->budget > 0)
		budget = (uint64_t)p->opts->budget * 1000000ULL;
	struct pf_fn *at = NULL; /* the function analyzed when the budget ran out */
	clock_t t0 = clock();
	while (count) {
		struct pf_fn *fn = p->fns.v[order[pf_heap_pop(q, &count)]];
		fn->queued = false;
		if (p->exhausted) {
			/* what was analyzed keeps its summary, unless it was
			 * given new inputs to follow since; the rest is
			 * analyzed once */
			if (fn->analyzed && !fn->stale) {
				kept++;
				continue;
			}
			once++;
		} else if (fn->runs >= PF_MAX_RUNS) {
			if (fn->runs == PF_MAX_RUNS) {
				pf_program_budget(p, fn->decl->pos,
				                  "the summary of '%s' did not settle after %d "
				                  "rounds; flows through it may be incomplete",
				                  fn->name, PF_MAX_RUNS);
				fn->runs++;
			}
			continue;
		}
		bool changed = pf_analyze_function(p, fn);
		analyses++;
		/* functions a call through a pointer reached outside the
		 * fixpoint join it, with their callees, after what is queued */
		for (size_t k = 0; k < p->activate.n; k++) {
			size_t from = n;
			pf_postorder(p, p->fns.v[p->activate.v[k]], seen, order, &n, 0);
			for (size_t j = from; j < n; j++) {
				struct pf_fn *g = p->fns.v[order[j]];
				rank[order[j]] = (int)j;
				g->member = true;
				pf_enqueue(q, &count, rank, seen, g);
			}
			p->activated += n - from;
		}
		p->activate.n = 0;
		if (p->debug && analyses % 500 == 0)
			fprintf(stderr, "engine: %zu analyses, %llu set operations, %.1fs\n",
			        analyses, (unsigned long long)(pf_lattice_ops - ops_start),
			        (double)(clock() - t0) / CLOCKS_PER_SEC);
		if (!p->exhausted && pf_lattice_ops - ops_start > budget) {
			p->exhausted = true;
			at = fn;
			/* from here every input is followed, and each function
			 * analyzed so far for only some of its inputs is analyzed
			 * once more, callees first: no demand can grow after it */
			if (!p->full) {
				p->full = true;
				for (size_t i = 0; i < n; i++) {
					struct pf_fn *d = p->fns.v[order[i]];
					if (!d->analyzed)
						continue;
					d->stale = true;
					pf_enqueue(q, &count, rank, seen, d);
				}
			}
		}
		/* new demand: parameters a call passed data, globals a summary
		 * stored data in */
		pf_demand_globals(p, fn);
		for (size_t i = 0; i < p->requeue.n; i++)
			pf_enqueue(q, &count, rank, seen, p->fns.v[p->requeue.v[i]]);
		p->requeue.n = 0;
		if (!changed || p->exhausted)
			continue;
		for (size_t i = 0; i < fn->dependents.n; i++)
			pf_enqueue(q, &count, rank, seen, p->fns.v[fn->dependents.v[i]]);
	}
	if (at)
		pf_program_budget(p, at->decl->pos,
		                  "the flow analysis of the program reached its work budget "
		                  "after %zu analyses of %zu functions, at '%s': then every "
		                  "input was followed and each function was analyzed once "
		                  "more, coarsely (%zu analyses, %u of them cut short or with "
		                  "their sinks merged), and %zu that were due another round "
		                  "kept their summaries; flows through them may be missed",
		                  analyses - once, n, at->name, once, p->over_after_exhausted,
		                  kept);
	pf_warn_cuts(p);
	free(rank);
	free(q);
	free(seen);
	free(order);
}

/* Purposes consented on every path into each function: a sink in a helper
 * called only under consent is reached only under consent. Entry points,
 * functions whose address is taken and functions nobody calls get none.
 * A greatest fixpoint: masks start full and only lose bits, so a worklist
 * of the functions whose mask changed settles after at most 64 changes per
 * function; it runs to the end, since stopping early would leave consent
 * where there is none. */
static void pf_entry_consent(struct pf_program *p)
{
	size_t nf = p->fns.n;
	bool *called = pf_xcalloc(nf + 1, sizeof(bool));
	for (size_t i = 0; i < nf; i++)
		for (size_t k = 0; k < p->fns.v[i]->calls.n; k++)
			called[p->fns.v[i]->calls.v[k].callee] = true;
	size_t *work = pf_xcalloc(nf + 1, sizeof(*work));
	bool *queued = pf_xcalloc(nf + 1, sizeof(bool));
	size_t nwork = 0;
	for (size_t i = 0; i < nf; i++) {
		struct pf_fn *fn = p->fns.v[i];
		fn->entry_consent =
		    called[i] && !fn->address_taken && strcmp(fn->name, "main") != 0 ? ~0ULL : 0;
		work[nwork++] = i;
		queued[i] = true;
	}
	while (nwork) {
		size_t i = work[--nwork];
		queued[i] = false;
		struct pf_fn *c = p->fns.v[i];
		for (size_t k = 0; k < c->calls.n; k++) {
			size_t gi = (size_t)c->calls.v[k].callee;
			struct pf_fn *g = p->fns.v[gi];
			uint64_t m = g->entry_consent & (c->calls.v[k].consent | c->entry_consent);
			if (m == g->entry_consent)
				continue;
			g->entry_consent = m;
			if (!queued[gi]) {
				work[nwork++] = gi;
				queued[gi] = true;
			}
		}
	}
	free(queued);
	free(work);
	free(called);
}

/* ---- globals ---- */

struct pf_gtaint {
	int global; /* a global's id, or -2 - f for the hub of function f */
	const char *path;
	int source;
	struct pf_step *trace;
	unsigned ntrace;
	int next; /* the next taint of the same global, or -1 */
};

/* What reaches each global: a list per global (and per hub), and a hash
 * over (global, path, source) so that a taint is added once. */
struct pf_gtaints {
	PF_VEC(struct pf_gtaint) v;
	int *head; /* per node: first taint or -1 */
	uint32_t *slots;
	size_t scap;
	size_t nglobals;
	const char **gmsg; /* per global: "stored in global 'g'", made once */
};

static size_t pf_gnode(const struct pf_gtaints *g, int global)
{
	return global >= 0 ? (size_t)global : g->nglobals + (size_t)(-2 - global);
}

static uint64_t pf_gtaint_hash(int global, const char *path, int source)
{
	uint64_t h =
	    pf_mix((uint64_t)(uint32_t)global << 32 | (uint32_t)source, (uint64_t)(uintptr_t)path);
	return pf_mix(h, 0);
}

static bool pf_gtaint_has(const struct pf_gtaints *g, int global, const char *path, int source)
{
	if (!g->scap)
		return false;
	for (size_t h = (size_t)pf_gtaint_hash(global, path, source) & (g->scap - 1); g->slots[h];
	     h = (h + 1) & (g->scap - 1)) {
		const struct pf_gtaint *t = &g->v.v[g->slots[h] - 1];
		if (t->global == global && t->path == path && t->source == source)
			return true;
	}
	return false;
}

static void pf_gtaint_slot(struct pf_gtaints *g, size_t i)
{
	const struct pf_gtaint *t = &g->v.v[i];
	size_t h = (size_t)pf_gtaint_hash(t->global, t->path, t->source) & (g->scap - 1);
	while (g->slots[h])
		h = (h + 1) & (g->scap - 1);
	g->slots[h] = (uint32_t)i + 1;
}

static void pf_gtaint_add(struct pf_gtaints *g, struct pf_gtaint t)
{
	size_t node = pf_gnode(g, t.global);
	t.next = g->head[node];
	g->head[node] = (int)g->v.n;
	PF_VEC_PUSH(g->v, t);
	if (g->v.n * 2 > g->scap) {
		free(g->slots);
		g->scap = g->scap ? g->scap * 2 : 64;
		g->slots = pf_xcalloc(g->scap, sizeof(*g->slots));
		for (size_t i = 0; i < g->v.n; i++)
			pf_gtaint_slot(g, i);
	} else {
		pf_gtaint_slot(g, g->v.n - 1);
	}
}

static bool pf_path_prefix(const char *a, const char *b)
{
	size_t n = strlen(a);
	return strncmp(a, b, n) == 0 &&
	       (b[n] == '\0' || b[n] == '.' || b[n] == '*' || b[n] == '<' || n == 0);
}

/* Does a read of port (deep or not) see data stored at path? */
static bool pf_reads(const struct pf_port *from, const char *stored)
{
	if (pf_path_prefix(stored, from->path))
		return true;
	return from->deep && pf_path_prefix(from->path, stored);
}

static unsigned pf_concat_length(unsigned na, bool mid, unsigned nb)
{
	unsigned total = na + (mid ? 1 : 0) + nb;
	return total > PF_TRACE_JOINED_MAX ? PF_TRACE_JOINED_MAX : total;
}

static struct pf_step *pf_concat(struct pf_program *p, const struct pf_step *a, unsigned na,
                                 const struct pf_step *mid, const struct pf_step *b, unsigned nb,
                                 unsigned *n)
{
	unsigned total = pf_concat_length(na, mid != NULL, nb);
	struct pf_step *s = PF_NEW_N(&p->arena, struct pf_step, total + 1);
	unsigned k = 0;
	for (unsigned i = 0; i < na && k < total; i++)
		s[k++] = a[i];
	if (mid && k < total)
		s[k++] = *mid;
	for (unsigned i = 0; i < nb && k < total; i++)
		s[k++] = b[i];
	*n = pf_steps_unloop(s, k);
	return s;
}

/* The step "stored in global 'g'" (none for a hub). */
static bool pf_global_step(struct pf_program *p, struct pf_gtaints *g, int gid, struct pf_step *out)
{
	if (gid < 0)
		return false;
	struct pf_global *gl = &p->globals.v[gid];
	if (!g->gmsg[gid])
		g->gmsg[gid] = pf_arena_printf(&p->arena, "stored in global '%s'", gl->name);
	*out = (struct pf_step){gl->pos, g->gmsg[gid]};
	return true;
}

/* ---- pointers between globals ----
 *
 * A summary's points-to edge from one global's own place to another's
 * (`cur = &store`: the pointer cur may point to store) holds for the
 * whole program, as its data edges between globals do: what is stored
 * through the pointer lands in the object (`cur->text = data`), and what
 * is stored in the object is read through the pointer (`store.text =
 * data` ... `cur->text`), in whatever functions do each. */
struct pf_galias {
	int x;           /* the global pointed into */
	const char *q;   /* and where in it */
	int g;           /* the global that holds the pointer */
	const char *p;   /* where in it */
	const char *ptr; /* p with the step through the pointer */
};

struct pf_galiases {
	PF_VEC(struct pf_galias) v;
	uint32_t *slots;
	size_t scap;
};

static uint64_t pf_galias_hash(const struct pf_galias *a)
{
	uint64_t h = pf_mix((uint64_t)(uint32_t)a->x << 32 | (uint32_t)a->g, (uintptr_t)a->q);
	return pf_mix(h, (uintptr_t)a->p);
}

static void pf_galias_slot(struct pf_galiases *al, size_t i)
{
	size_t h = (size_t)pf_galias_hash(&al->v.v[i]) & (al->scap - 1);
	while (al->slots[h])
		h = (h + 1) & (al->scap - 1);
	al->slots[h] = (uint32_t)i + 1;
}

static const char *pf_path_join(struct pf_program *p, const char *a, const char *b)
{
	char buf[1024];
	snprintf(buf, sizeof(buf), "%s%s", a, b);
	return pf_intern(&p->strings, buf);
}

static void pf_galias_note(struct pf_program *p, struct pf_galiases *al, const struct pf_edge *e)
{
	if (!e->pts || e->from.kind != PF_PORT_GLOBAL || e->to.kind != PF_PORT_GLOBAL ||
	    e->from.index < 0 || e->to.index < 0 || strchr(e->from.path, '*') ||
	    strchr(e->to.path, '*'))
		return;
	struct pf_galias a = {e->from.index, e->from.path, e->to.index, e->to.path, NULL};
	if (al->scap) {
		for (size_t h = (size_t)pf_galias_hash(&a) & (al->scap - 1); al->slots[h];
		     h = (h + 1) & (al->scap - 1)) {
			const struct pf_galias *b = &al->v.v[al->slots[h] - 1];
			if (b->x == a.x && b->q == a.q && b->g == a.g && b->p == a.p)
				return;
		}
	}
	a.ptr = pf_path_join(p, a.p, "*");
	PF_VEC_PUSH(al->v, a);
	if (al->v.n * 2 > al->scap) {
		free(al->slots);
		al->scap = al->scap ? al->scap * 2 : 64;
		al->slots = pf_xcalloc(al->scap, sizeof(*al->slots));
		for (size_t i = 0; i < al->v.n; i++)
			pf_galias_slot(al, i);
	} else {
		pf_galias_slot(al, al->v.n - 1);
	}
}

/* A path folded as locations are (PF_LOC_MAX_DEPTH): its first steps
 * (a container's step does not count), which stand for what lies below.
 * The fold also ends a pointer's cycle (a global node that points to
 * itself). */
static const char *pf_path_fold(struct pf_program *p, const char *path)
{
	int n = 0;
	for (const char *s = path; *s; s++) {
		if ((*s == '.' || *s == '*') && ++n > PF_LOC_MAX_DEPTH)
			return pf_intern_n(&p->strings, path, (size_t)(s - path));
	}
	return path;
}

static bool pf_galias_add(struct pf_program *p, struct pf_gtaints *g, int global, const char *path,
                          int from)
{
	const struct pf_gtaint *src = &g->v.v[from];
	/* what a write skips (pf_write): a one-character array (an empty
	 * string builder's shared buffer, git's `strbuf_slopbuf`), a global
	 * that holds its initializer for good (Lua's `dummynode_`) */
	const struct pf_global *gl = &p->globals.v[global];
	if (gl->one_char || (gl->constant && !strchr(path, '*')))
		return false;
	path = pf_path_fold(p, path);
	if (pf_gtaint_has(g, global, path, src->source))
		return false;
	struct pf_gtaint t = {global, path, src->source, src->trace, src->ntrace, -1};
	pf_gtaint_add(g, t); /* src may move: not used after */
	return true;
}

/* One pass of what the pointers between globals carry; whether it added. */
static bool pf_galias_pass(struct pf_program *p, struct pf_gtaints *g, const struct pf_galiases *al)
{
	bool changed = false;
	for (size_t i = 0; i < al->v.n; i++) {
		const struct pf_galias *a = &al->v.v[i];
		/* stored through the pointer: in the object */
		for (int j = g->head[pf_gnode(g, a->g)]; j >= 0; j = g->v.v[j].next) {
			const char *path = g->v.v[j].path;
			if (pf_path_prefix(a->ptr, path))
				changed |= pf_galias_add(
				    p, g, a->x, pf_path_join(p, a->q, path + strlen(a->ptr)), j);
		}
		/* stored in the object: read through the pointer */
		for (int j = g->head[pf_gnode(g, a->x)]; j >= 0; j = g->v.v[j].next) {
			const char *path = g->v.v[j].path;
			if (pf_path_prefix(a->q, path))
				changed |= pf_galias_add(
				    p, g, a->g, pf_path_join(p, a->ptr, path + strlen(a->q)), j);
			else if (pf_path_prefix(path, a->q))
				changed |= pf_galias_add(p, g, a->g, a->ptr, j);
		}
	}
	return changed;
}

/* ---- findings ---- */

struct pf_cand {
	int source, site;
	bool consented;
	struct pf_step *trace;
	unsigned ntrace;
	const struct pf_consent_check *by; /* consented: the check, or NULL */
};

struct pf_cands {
	struct pf_cand *v;
	size_t n, cap;
	uint32_t *slots; /* hash over (source, site): candidate + 1 */
	size_t scap;
};

/* The candidate for (source, site), or NULL. */
static struct pf_cand *pf_cand_find(struct pf_cands *c, int source, int site)
{
	if (!c->scap)
		return NULL;
	uint64_t key = (uint64_t)(uint32_t)source << 32 | (uint32_t)site;
	for (size_t h = (size_t)pf_mix(key, 0) & (c->scap - 1); c->slots[h];
	     h = (h + 1) & (c->scap - 1)) {
		struct pf_cand *o = &c->v[c->slots[h] - 1];
		if (o->source == source && o->site == site)
			return o;
	}
	return NULL;
}

/* Whether a candidate with this consent and trace length would replace
 * what (source, site) has. */
static bool pf_cand_wants(struct pf_cands *c, int source, int site, bool consented, unsigned ntrace)
{
	struct pf_cand *o = pf_cand_find(c, source, site);
	return !o || (o->consented && !consented) ||
	       (o->consented == consented && ntrace < o->ntrace);
}

static void pf_cand_slot(struct pf_cands *c, size_t i)
{
	uint64_t key = (uint64_t)(uint32_t)c->v[i].source << 32 | (uint32_t)c->v[i].site;
	size_t h = (size_t)pf_mix(key, 0) & (c->scap - 1);
	while (c->slots[h])
		h = (h + 1) & (c->scap - 1);
	c->slots[h] = (uint32_t)i + 1;
}

static void pf_cand_add(struct pf_cands *c, struct pf_cand x)
{
	struct pf_cand *o = pf_cand_find(c, x.source, x.site);
	if (o) {
		if ((o->consented && !x.consented) ||
		    (o->consented == x.consented && x.ntrace < o->ntrace))
			*o = x;
		return;
	}
	PF_VEC_PUSH(*c, x);
	if (c->n * 2 > c->scap) {
		free(c->slots);
		c->scap = c->scap ? c->scap * 2 : 64;
		c->slots = pf_xcalloc(c->scap, sizeof(*c->slots));
		for (size_t i = 0; i < c->n; i++)
			pf_cand_slot(c, i);
	} else {
		pf_cand_slot(c, c->n - 1);
	}
}

/* Candidates of one sink site and consent next to each other, the site's
 * flows in a fixed order. */
struct pf_cand_ref {
	const struct pf_cand *c;
	const struct pf_ir_source *src;
};

static int pf_cand_group_cmp(const void *pa, const void *pb)
{
	const struct pf_cand_ref *ra = pa, *rb = pb;
	const struct pf_cand *a = ra->c, *b = rb->c;
	if (a->site != b->site)
		return a->site < b->site ? -1 : 1;
	if (a->consented != b->consented)
		return a->consented ? 1 : -1;
	const struct pf_ir_source *x = ra->src, *y = rb->src;
	int c = strcmp(x->category, y->category);
	if (!c)
		c = strcmp(x->pos.file, y->pos.file);
	if (!c && x->pos.line != y->pos.line)
		c = x->pos.line < y->pos.line ? -1 : 1;
	if (!c && x->pos.column != y->pos.column)
		c = x->pos.column < y->pos.column ? -1 : 1;
	if (!c)
		c = strcmp(x->name, y->name);
	if (!c)
		c = strcmp(x->function, y->function);
	if (!c && a->ntrace != b->ntrace)
		c = a->ntrace < b->ntrace ? -1 : 1;
	return c;
}

static bool pf_same_source(const struct pf_ir_source *x, const struct pf_ir_source *y)
{
	return strcmp(x->category, y->category) == 0 && strcmp(x->pos.file, y->pos.file) == 0 &&
	       x->pos.line == y->pos.line && x->pos.column == y->pos.column &&
	       strcmp(x->name, y->name) == 0 && strcmp(x->function, y->function) == 0;
}

/* One finding for the flows c[0..n) into one sink site, all consented or
 * none (SPEC section 5): every source once, with its shortest trace, which
 * ends with the sink call. */
static void pf_emit_finding(struct pf_program *p, const struct pf_cand_ref *r, size_t n)
{
	struct pf_sink_site *site = &p->sites.v[r[0].c->site];
	struct pf_finding f = {0};
	char rule[256], sink_msg[512];
	snprintf(rule, sizeof(rule), "pii-to-%s", site->purpose);
	snprintf(sink_msg, sizeof(sink_msg), "reaches %s sink '%s' as argument %d", site->purpose,
	         site->callee, site->argument + 1);
	struct pf_trace_step sink_step = {
	    {(char *)site->pos.file, site->pos.line, site->pos.column}, sink_msg};
	struct pf_finding_source *srcs = pf_xcalloc(n, sizeof(*srcs));
	struct pf_trace_step **traces = pf_xcalloc(n, sizeof(*traces));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct pf_ir_source *src = r[i].src;
		const struct pf_cand *c = r[i].c;
		/* sorted: the shortest trace of a source comes first */
		if (i > 0 && pf_same_source(r[i - 1].src, src))
			continue;
		struct pf_trace_step *steps = pf_xcalloc(c->ntrace + 1, sizeof(*steps));
		unsigned m = 0;
		for (unsigned j = 0; j < c->ntrace; j++)
			steps[m++] =
			    (struct pf_trace_step){{(char *)c->trace[j].pos.file,
			                            c->trace[j].pos.line, c->trace[j].pos.column},
			                           (char *)c->trace[j].message};
		steps[m++] = sink_step;
		traces[k] = steps;
		srcs[k] = (struct pf_finding_source){
		    (char *)src->category,
		    {(char *)src->pos.file, src->pos.line, src->pos.column},
		    (char *)src->name,
		    (char *)src->function,
		    (char *)src->how,
		    steps,
		    m};
		k++;
	}
	f.rule = rule;
	f.severity = PF_SEV_ERROR;
	f.purpose = (char *)site->purpose;
	f.sources = srcs;
	f.nsources = k;
	f.sink = (struct pf_pos){(char *)site->pos.file, site->pos.line, site->pos.column};
	f.sink_function = (char *)site->function;
	f.sink_callee = (char *)site->callee;
	f.sink_argument = site->argument;
	f.endpoint = (char *)site->endpoint;
	f.sink_param = (char *)site->param;
	if (r[0].c->consented) {
		f.accepted_by = (char *)"consent";
		/* the check of the first source that names one (consent.c) */
		for (size_t i = 0; i < n && !f.consent_function; i++)
			if (r[i].c->by) {
				f.consent_function = (char *)r[i].c->by->function;
				f.consent =
				    (struct pf_pos){(char *)r[i].c->by->pos.file,
				                    r[i].c->by->pos.line, r[i].c->by->pos.column};
			}
	}
	pf_report_add_finding(p->report, &f);
	for (size_t i = 0; i < k; i++)
		free(traces[i]);
	free(traces);
	free(srcs);
}

/* Groups the flows by sink site and consent, one finding each, and ranks
 * the fingerprints of the whole report. */
static void pf_emit_findings(struct pf_program *p, struct pf_cands *cands)
{
	struct pf_cand_ref *v = pf_xcalloc(cands->n + 1, sizeof(*v));
	for (size_t i = 0; i < cands->n; i++)
		v[i] = (struct pf_cand_ref){&cands->v[i], p->sources.v[cands->v[i].source]};
	if (cands->n > 1)
		qsort(v, cands->n, sizeof(*v), pf_cand_group_cmp);
	for (size_t i = 0; i < cands->n;) {
		size_t j = i + 1;
		while (j < cands->n && v[j].c->site == v[i].c->site &&
		       v[j].c->consented == v[i].c->consented)
			j++;
		pf_emit_finding(p, &v[i], j - i);
		i = j;
	}
	free(v);
	pf_report_rank(p->report);
}

void pf_solve_findings(struct pf_program *p)
{
	struct pf_gtaints g = {0};
	g.nglobals = p->globals.n;
	size_t nodes = p->globals.n + p->fns.n + 1;
	g.head = pf_xcalloc(nodes, sizeof(*g.head));
	for (size_t i = 0; i < nodes; i++)
		g.head[i] = -1;
	g.gmsg = pf_xcalloc(p->globals.n + 1, sizeof(*g.gmsg));
	/* seeds and propagation between globals (and hubs), to a fixpoint */
	/* the taints only grow, over a finite set of (global, path, source):
	 * this settles, and it runs to the end, since stopping early would
	 * lose flows through chains of globals */
	struct pf_galiases al = {0};
	for (size_t i = 0; i < p->fns.n; i++)
		for (size_t k = 0; k < p->fns.v[i]->summary.n; k++)
			pf_galias_note(p, &al, &p->fns.v[i]->summary.edges[k]);
	bool changed = true;
	while (changed) {
		changed = pf_galias_pass(p, &g, &al);
		for (size_t i = 0; i < p->fns.n; i++) {
			struct pf_summary *s = &p->fns.v[i]->summary;
			/* a simplified summary's hub acts as one more global, of
			 * its own function: id -2 - function id */
			int hub = -2 - (int)i;
			for (size_t k = 0; k < s->n; k++) {
				struct pf_edge *e = &s->edges[k];
				if ((e->to.kind != PF_PORT_GLOBAL && e->to.kind != PF_PORT_HUB) ||
				    e->pts)
					continue;
				int to = e->to.kind == PF_PORT_HUB ? hub : e->to.index;
				if (e->from.kind == PF_PORT_SOURCE) {
					if (pf_gtaint_has(&g, to, e->to.path, e->from.index))
						continue;
					struct pf_gtaint t = {to,       e->to.path, e->from.index,
					                      e->trace, e->ntrace,  -1};
					pf_gtaint_add(&g, t);
					changed = true;
				} else if (e->from.kind == PF_PORT_GLOBAL ||
				           e->from.kind == PF_PORT_HUB) {
					int from =
					    e->from.kind == PF_PORT_HUB ? hub : e->from.index;
					for (int j = g.head[pf_gnode(&g, from)]; j >= 0;
					     j = g.v.v[j].next) {
						const struct pf_gtaint *src = &g.v.v[j];
						if (!pf_reads(&e->from, src->path) ||
						    pf_gtaint_has(&g, to, e->to.path, src->source))
							continue;
						struct pf_step mid;
						bool has_mid = pf_global_step(p, &g, from, &mid);
						struct pf_gtaint t = {to,   e->to.path, src->source,
						                      NULL, 0,          -1};
						t.trace = pf_concat(p, src->trace, src->ntrace,
						                    has_mid ? &mid : NULL, e->trace,
						                    e->ntrace, &t.ntrace);
						pf_gtaint_add(&g,
						              t); /* src may move: not used after */
						changed = true;
					}
				}
			}
		}
	}
	struct pf_cands cands = {0};
	pf_entry_consent(p);
	pf_entry_consent_by(p);
	for (size_t i = 0; i < p->fns.n; i++) {
		struct pf_summary *s = &p->fns.v[i]->summary;
		uint64_t ec = p->fns.v[i]->entry_consent;
		int hub = -2 - (int)i;
		for (size_t k = 0; k < s->n; k++) {
			struct pf_edge *e = &s->edges[k];
			if (e->to.kind != PF_PORT_SINK || p->sites.v[e->to.index].conditional)
				continue;
			uint64_t bit = pf_purpose_bit(p, p->sites.v[e->to.index].purpose);
			bool consented = e->consented || (ec & bit);
			const struct pf_consent_check *by =
			    e->consented ? e->consent_by : pf_entry_check(p, p->fns.v[i], bit);
			if (e->from.kind == PF_PORT_SOURCE) {
				struct pf_cand c = {e->from.index, e->to.index, consented,
				                    e->trace,      e->ntrace,   NULL};
				c.by = consented ? by : NULL;
				pf_cand_add(&cands, c);
			} else if (e->from.kind == PF_PORT_GLOBAL || e->from.kind == PF_PORT_HUB) {
				int from = e->from.kind == PF_PORT_HUB ? hub : e->from.index;
				for (int j = g.head[pf_gnode(&g, from)]; j >= 0;
				     j = g.v.v[j].next) {
					const struct pf_gtaint *src = &g.v.v[j];
					struct pf_step mid;
					bool has_mid = pf_global_step(p, &g, from, &mid);
					unsigned len =
					    pf_concat_length(src->ntrace, has_mid, e->ntrace);
					if (!pf_reads(&e->from, src->path) ||
					    !pf_cand_wants(&cands, src->source, e->to.index,
					                   consented, len))
						continue;
					struct pf_cand c = {src->source, e->to.index, consented,
					                    NULL,        0,           NULL};
					c.by = consented ? by : NULL;
					c.trace = pf_concat(p, src->trace, src->ntrace,
					                    has_mid ? &mid : NULL, e->trace,
					                    e->ntrace, &c.ntrace);
					pf_cand_add(&cands, c);
				}
			}
		}
	}
	pf_emit_findings(p, &cands);
	PF_VEC_FREE(al.v);
	free(al.slots);
	PF_VEC_FREE(cands);
	free(cands.slots);
	PF_VEC_FREE(g.v);
	free(g.head);
	free(g.slots);
	free(g.gmsg);
}

int pf_engine_run(struct pf_ir_tu **tus, size_t ntus, const struct pf_engine_options *opts,
                  struct pf_report *report)
{
	struct pf_program p = {0};
	pf_intern_init(&p.strings);
	p.opts = opts;
	p.tus = tus;
	p.ntus = ntus;
	p.report = report;
	const char *debug = getenv("PIIFLOW_DEBUG_ENGINE");
	p.debug = debug ? (strcmp(debug, "2") == 0 ? 2 : 1) : 0;
	p.debug_fn = getenv("PIIFLOW_DEBUG_FUNCTION"); /* their summaries (names, by commas) */
	p.full = getenv("PIIFLOW_ENGINE_FULL") != NULL;
	p.copy_fixed = getenv("PIIFLOW_ENGINE_COPY_FIXED") != NULL;
	double t0 = pf_now();
	pf_program_link(&p);
	pf_stage_time("link", t0); /* the seconds of the link alone */
	pf_demand_init(&p);
	for (size_t i = 0; i < p.fns.n; i++)
		if (p.fns.v[i]->address_taken)
			PF_VEC_PUSH(p.address_taken, p.fns.v[i]);
	pf_check_unmatched_rules(&p);
	bool *relevant = pf_xcalloc(p.fns.n + 1, sizeof(bool));
	size_t nrelevant = pf_relevant(&p, relevant);
	pf_fixpoint(&p, relevant);
	free(relevant);
	pf_solve_findings(&p);
	/* the data map lists every source and consent function, flows or not */
	for (size_t i = 0; i < p.sources.n; i++) {
		const struct pf_ir_source *s = p.sources.v[i];
		pf_report_add_source(report, s->category, s->name, s->function, s->how, s->pos.file,
		                     s->pos.line, s->pos.column);
	}
	/* annotated declarations that no function uses are sources too */
	for (size_t t = 0; t < ntus; t++)
		for (size_t i = 0; i < tus[t]->ndecls; i++) {
			const struct pf_ir_decl *d = &tus[t]->decls[i];
			if (d->redecl || d->kind == PF_D_FUNCTION)
				continue;
			const char *how, *cat = pf_rules_apply_decl(&p, d, &how);
			if (cat)
				pf_report_add_source(report, cat, d->name, "", how, d->pos.file,
				                     d->pos.line, d->pos.column);
		}
	for (size_t i = 0; i < p.fns.n; i++)
		if (p.fns.v[i]->consent_purpose)
			pf_report_add_consent(report, p.fns.v[i]->name,
			                      p.fns.v[i]->consent_purpose);
	unsigned nfuncs = 0;
	for (size_t i = 0; i < p.fns.n; i++)
		if (p.fns.v[i]->body)
			nfuncs++;
	report->summary.functions = nfuncs;
	report->summary.opaque_calls = p.opaque_calls;
	if (opts->explain) {
		fprintf(opts->explain,
		        "functions analyzed: %zu of %u, those linked by calls, globals or function "
		        "pointers to a sink (%zu of them reached through a converted pointer)\n",
		        nrelevant + p.activated, nfuncs, p.activated);
		size_t followed = 0, tainted = 0, analyses = 0;
		for (size_t i = 0; i < p.fns.n; i++) {
			followed += p.fns.v[i]->analyzed && p.fns.v[i]->demand != 0;
			analyses += p.fns.v[i]->analyses;
		}
		for (size_t i = 0; i < p.globals.n; i++)
			tainted += p.tainted[i];
		fprintf(opts->explain,
		        "analyses: %zu; functions given data by a caller: %zu; globals that hold "
		        "data: %zu of %zu\n",
		        analyses, followed, tainted, p.globals.n);
		fprintf(opts->explain,
		        "opaque functions that personal data passed through (%zu):\n", p.opaque.n);
		for (size_t i = 0; i < p.opaque.n; i++)
			fprintf(opts->explain, "  %s\n", p.opaque.v[i]);
		pf_curl_explain(&p, opts->explain);
	}
	PF_VEC_FREE(p.address_taken);
	pf_demand_release(&p);
	pf_program_release(&p);
	return 0;
}
