/*
 * The analysis of one function: a forward dataflow over its control flow
 * graph (joins at merges, a fixpoint at loops), evaluating each expression
 * into labels and points-to sets, applying the summaries of called functions
 * at each call, and emitting the function's own summary at the end. Consent
 * is part of the state: the true edge of a branch on a PII_CONSENT(P) call
 * (or a local holding its result) adds P, and joins keep only what every
 * path agrees on, so `||` gives no consent.
 */
#include "engine/analyze_int.h"

#include <stdarg.h>
#include <sys/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A pointer returned by code we cannot see, or by a function whose summary
 * names nothing it points to (an allocator's wrapper returns memory fresh
 * from malloc, which its summary cannot name), points to an object of the
 * call site's own, so that what the caller writes through it is read back
 * through it (and only through it). A summary's contents under the result
 * land in the same object (pf_instantiate). */
static struct pf_val pf_own_object(struct pf_actx *cx, struct pf_ir_expr *call,
                                   struct pf_val result)
{
	if (result.pts->n == 0 && call->type &&
	    (call->type->kind == PF_T_POINTER || call->type->kind == PF_T_RECORD)) {
		const struct pf_lset *obj =
		    pf_lset_one(&cx->a, pf_loc_root(cx, PF_ROOT_CALLRET, call->u.call.site, NULL));
		if (call->type->kind == PF_T_POINTER)
			result.pts = obj;
		else if (result.objs->n == 0)
			result.objs = obj;
	}
	return result;
}

static struct pf_val pf_eval(struct pf_actx *cx, struct pf_ir_expr *e);
static struct pf_lv pf_lval(struct pf_actx *cx, struct pf_ir_expr *e);
static struct pf_val pf_apply_call(struct pf_actx *cx, struct pf_fn *g, struct pf_val *args,
                                   struct pf_ir_expr **argx, unsigned nargs,
                                   struct pf_ir_expr *call, const char *via);

static const struct pf_val pf_val_none = {&pf_tset_empty, &pf_lset_empty, &pf_lset_empty};

static struct pf_val pf_val_union(struct pf_actx *cx, struct pf_val a, struct pf_val b)
{
	struct pf_val r = {
	    pf_tset_union(&cx->a, a.labels, b.labels),
	    pf_lset_union(&cx->a, a.pts, b.pts),
	    pf_lset_union(&cx->a, a.objs, b.objs),
	};
	return r;
}

static bool pf_is_kind(const struct pf_ir_type *t, enum pf_ir_tkind k)
{
	return t && t->kind == k;
}

static const char *pf_istr(struct pf_actx *cx, const char *s)
{
	return pf_intern(&cx->p->strings, s);
}

/* Messages of trace steps, interned: the same step is made again at every
 * visit of its block, and must not cost memory each time. */
__attribute__((format(printf, 2, 3))) static const char *pf_msg(struct pf_actx *cx, const char *fmt,
                                                                ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return pf_intern(&cx->p->strings, buf);
}

/* A field step names the field and, when the field is declared personal
 * data, its program source ("email#3"), so that a path built from a callee's
 * summary meets the same location as the caller's own field accesses. */
const char *pf_field_step(struct pf_actx *cx, const char *name, int source)
{
	char buf[512];
	if (source >= 0)
		snprintf(buf, sizeof(buf), ".%s#%d", name, source);
	else
		snprintf(buf, sizeof(buf), ".%s", name);
	return pf_istr(cx, buf);
}

/* Children of every location of a set, along one step. */
static const struct pf_lset *pf_children(struct pf_actx *cx, const struct pf_lset *locs,
                                         const char *step, int source)
{
	const struct pf_lset *r = &pf_lset_empty;
	for (uint32_t i = 0; i < locs->n; i++)
		r = pf_lset_union(&cx->a, r,
		                  pf_lset_one(&cx->a, pf_loc_child(cx, locs->v[i], step, source)));
	return r;
}

const struct pf_tset *pf_read_set(struct pf_actx *cx, const struct pf_lset *locs, bool deep)
{
	const struct pf_tset *r = &pf_tset_empty;
	for (uint32_t i = 0; i < locs->n; i++)
		r = pf_tset_union(&cx->a, r,
		                  deep ? pf_deep_labels(cx, locs->v[i])
		                       : pf_read_labels(cx, locs->v[i]));
	return r;
}

static const struct pf_lset *pf_read_pts_set(struct pf_actx *cx, const struct pf_lset *locs)
{
	const struct pf_lset *r = &pf_lset_empty;
	for (uint32_t i = 0; i < locs->n; i++)
		r = pf_lset_union(&cx->a, r, pf_read_pts(cx, locs->v[i]));
	return r;
}

/* The value stored in locations of type t. */
static struct pf_val pf_load(struct pf_actx *cx, const struct pf_lset *locs,
                             const struct pf_ir_type *t)
{
	struct pf_val v = pf_val_none;
	if (pf_is_kind(t, PF_T_ARRAY) || pf_is_kind(t, PF_T_FUNCTION)) {
		v.pts = locs; /* decays to a pointer to the object */
	} else if (pf_is_kind(t, PF_T_RECORD)) {
		v.objs = locs;
		v.labels = pf_read_set(cx, locs, false);
	} else {
		v.labels = pf_read_set(cx, locs, false);
		v.pts = pf_read_pts_set(cx, locs);
	}
	return v;
}

/* A name for an expression in messages: "buf", "u->email", "tracker.track". */
static const char *pf_describe(struct pf_actx *cx, struct pf_ir_expr *e)
{
	for (int guard = 0; e && guard < 16; guard++) {
		switch (e->kind) {
		case PF_E_VAR:
			return e->u.var->name;
		case PF_E_FUNC:
			return e->u.func.name;
		case PF_E_FIELD: {
			const char *base = pf_describe(cx, e->kids[0]);
			return pf_msg(cx, "%s%s%s", base ? base : "", e->u.field.arrow ? "->" : ".",
			              e->u.field.name);
		}
		case PF_E_DEREF:
		case PF_E_ADDR:
		case PF_E_INDEX:
			e = e->kids[0];
			continue;
		case PF_E_COMBINE:
		case PF_E_SEQ:
			e = e->nkids ? e->kids[e->nkids - 1] : NULL;
			if (e && e->kind == PF_E_CONST)
				return NULL;
			continue;
		default:
			return NULL;
		}
	}
	return NULL;
}

/* ---- traces ---- */

struct pf_extend {
	struct pf_actx *cx;
	struct pf_ir_pos pos;
	const char *before; /* a step before the callee's own, or NULL */
	const struct pf_step *steps;
	unsigned nsteps;
	const char *after;
};

static uint32_t pf_extend_fn(void *ctx, uint32_t trace)
{
	struct pf_extend *x = ctx;
	if (x->before)
		trace = pf_tnode(x->cx, trace, x->pos, x->before);
	trace = pf_tnode_splice(x->cx, trace, x->steps, x->nsteps);
	if (x->after)
		trace = pf_tnode(x->cx, trace, x->pos, x->after);
	return trace;
}

static const struct pf_tset *pf_extend(struct pf_actx *cx, const struct pf_tset *s,
                                       struct pf_ir_pos pos, const char *before,
                                       const struct pf_step *steps, unsigned nsteps,
                                       const char *after)
{
	if (!s || s->n == 0 || (!before && !nsteps && !after))
		return s ? s : &pf_tset_empty;
	/* In a function where data of everything reaches everything, traces
	 * stop growing past a budget: findings keep the steps made so far. */
	if (cx->tnodes.n > PF_TNODE_BUDGET)
		return s;
	struct pf_extend x = {cx, pos, before, steps, nsteps, after};
	return pf_tset_map_trace(&cx->a, s, pf_extend_fn, &x);
}

/* ---- summary output ---- */

/* Whether the summary being built will be coarsened (past its bound, or
 * widened): edges are then added as coarsening will make them. */
static bool pf_coarse(const struct pf_actx *cx)
{
	return cx->out.n > PF_SUMMARY_MAX || cx->fn->runs >= PF_WIDEN_RUNS || cx->p->exhausted;
}

void pf_emit(struct pf_actx *cx, const struct pf_tset *labels, struct pf_port to, bool consented)
{
	pf_emit_by(cx, labels, to, consented, NULL);
}

/* Origin o's port as coarsening cuts it (pf_edge_coarsen's from-port),
 * made once per origin: a summary past its bound is emitted label by
 * label, and cutting a path interns a string. */
static struct pf_port pf_coarse_origin(struct pf_actx *cx, uint32_t o)
{
	while (cx->coarse_origins.n < cx->origins.n) {
		struct pf_port from = cx->origins.v[cx->coarse_origins.n];
		bool cut;
		from.path = pf_first_step(cx->p, from.path, &cut);
		from.deep |= cut;
		PF_VEC_PUSH(cx->coarse_origins, from);
	}
	return cx->coarse_origins.v[o];
}

void pf_emit_by(struct pf_actx *cx, const struct pf_tset *labels, struct pf_port to, bool consented,
                const struct pf_consent_check *by)
{
	struct pf_port cut_to = to; /* to as coarsening cuts it, once needed */
	bool to_cut = false;
	for (uint32_t i = 0; labels && i < labels->n; i++) {
		struct pf_edge e = {0};
		e.from = cx->origins.v[labels->v[i].origin];
		e.to = to;
		if (e.from.kind == PF_PORT_PARAM && to.kind == PF_PORT_PARAM &&
		    e.from.index == to.index && e.from.path == to.path)
			continue; /* a parameter's object keeps its own data */
		if (e.from.kind == PF_PORT_GLOBAL && to.kind == PF_PORT_GLOBAL &&
		    e.from.index == to.index && e.from.path == to.path)
			continue;
		e.consented = consented;
		e.consent_by = consented ? by : NULL;
		/* past the bound the summary will be coarsened: add edges as
		 * they will be, so that the summary being built stays small */
		if (pf_coarse(cx)) { /* pf_edge_coarsen, its cuts made once */
			if (!to_cut && to.kind != PF_PORT_SINK) {
				bool cut;
				cut_to.path = pf_first_step(cx->p, to.path, &cut);
			}
			to_cut = true;
			e.from = pf_coarse_origin(cx, labels->v[i].origin);
			e.to = cut_to;
			if (pf_edge_inside_object(&e))
				continue;
		}
		if (!pf_summary_wants(&cx->out, &e, pf_trace_length(cx, labels->v[i].trace)))
			continue; /* known already, with a trace as good */
		/* flattened once the summary is final (pf_analyze_function) */
		e.tnode = labels->v[i].trace;
		e.ntrace = pf_trace_length(cx, e.tnode);
		pf_summary_add(cx->p, &cx->out, &e);
	}
}

static void pf_emit_pts(struct pf_actx *cx, const struct pf_lset *targets, struct pf_port to)
{
	for (uint32_t i = 0; targets && i < targets->n; i++) {
		struct pf_loc *l = &cx->locs.v[targets->v[i]];
		struct pf_edge e = {0};
		if (l->root == PF_ROOT_FUNC) {
			e.from = (struct pf_port){
			    .kind = PF_PORT_FUNC, .index = l->index, .path = cx->p->empty};
		} else if (!pf_loc_port(cx, targets->v[i], false, &e.from) ||
		           (e.from.kind == PF_PORT_PARAM && e.from.path[0] != '*')) {
			continue;
		}
		e.to = to;
		e.pts = true;
		if (pf_port_equal(&e.from, &e.to))
			continue;
		if (pf_coarse(cx) && !pf_edge_coarsen(cx->p, &e))
			continue;
		pf_summary_add(cx->p, &cx->out, &e);
	}
}

/* Past the summary's bound, a port that may point to many targets points
 * to them through the hub: each target into the hub, the hub into the
 * port. The summary would be routed through the hub anyway; emitting each
 * pair first would make a product of targets and ports on the way. */
#define PF_PTS_SPREAD 4

static bool pf_nameable(struct pf_actx *cx, uint32_t loc);

/* Whether what (a tagged location or set) was emitted at port to already,
 * during pf_finish; notes it when not. The exit state no longer changes
 * then and adding an edge twice adds nothing, so what many locations
 * share (an object several pointers reach, one points-to set) is emitted
 * once. */
static uint64_t pf_emitted_hash(const struct pf_emitted *x)
{
	return pf_mix(pf_port_hash(&x->to), x->what);
}

static uint64_t pf_emitted_hash_at(struct pf_actx *cx, size_t i)
{
	return pf_emitted_hash(&cx->emitted.v[i]);
}

static bool pf_emitted_before(struct pf_actx *cx, uint64_t what, struct pf_port to)
{
	if (!cx->finishing)
		return false;
	pf_slots_reserve(cx, &cx->emitted_slots, &cx->emitted_cap, cx->emitted.n, 0, 256,
	                 pf_emitted_hash_at);
	struct pf_emitted x = {what, to};
	size_t h = (size_t)pf_emitted_hash(&x) & (cx->emitted_cap - 1);
	for (; cx->emitted_slots[h]; h = (h + 1) & (cx->emitted_cap - 1)) {
		const struct pf_emitted *y = &cx->emitted.v[cx->emitted_slots[h] - 1];
		if (y->what == what && pf_port_equal(&y->to, &to))
			return true;
	}
	PF_VEC_PUSH(cx->emitted, x);
	cx->emitted_slots[h] = (uint32_t)cx->emitted.n;
	return false;
}

/* pf_emitted_before's key of an object emitted at a depth, coarsely or
 * not (even; a points-to set's is its address, which is aligned, with the
 * low bit set). */
static uint64_t pf_object_key(uint32_t loc, int depth, bool coarse)
{
	return ((uint64_t)loc + 1) << 8 | (uint64_t)depth << 2 | (uint64_t)coarse << 1;
}

/* Emits that port to may point to each target the caller can name. */
static void pf_emit_pts_named(struct pf_actx *cx, const struct pf_lset *targets, struct pf_port to)
{
	if (targets->n == 0)
		return;
	bool coarse = pf_coarse(cx);
	if (coarse) { /* each edge will be cut so: the same set at many paths is one */
		bool cut;
		to.path = pf_first_step(cx->p, to.path, &cut);
	}
	if (pf_emitted_before(cx, (uint64_t)(uintptr_t)targets | 1 | (uint64_t)coarse << 1, to))
		return;
	bool spread = coarse && targets->n > PF_PTS_SPREAD;
	struct pf_port hub = {.kind = PF_PORT_HUB, .path = cx->p->empty};
	bool any = false;
	for (uint32_t i = 0; i < targets->n; i++)
		if (pf_nameable(cx, targets->v[i])) {
			pf_emit_pts(cx, pf_lset_one(&cx->a, targets->v[i]), spread ? hub : to);
			any = true;
		}
	if (!spread || !any)
		return;
	struct pf_edge e = {.from = hub, .to = to, .pts = true};
	if (pf_edge_coarsen(cx->p, &e))
		pf_summary_add(cx->p, &cx->out, &e);
}

static bool pf_nameable(struct pf_actx *cx, uint32_t loc)
{
	struct pf_loc *l = &cx->locs.v[loc];
	if (l->root == PF_ROOT_FUNC)
		return true;
	if (!l->sym)
		return false;
	return l->root == PF_ROOT_GLOBAL || l->path[0] == '*';
}

static void pf_emit_object(struct pf_actx *cx, uint32_t loc, struct pf_port to, int depth);

/* An object the function made (an allocation, or what a callee made) that
 * an output port points to: the summary names it (PF_PORT_NEW) and the
 * caller gets an object of its own for it per call site, so that what the
 * caller later writes through that pointer is seen by whoever reads through
 * the same pointer (a string builder that grows by realloc). Returns false
 * when t is no such object, or past PF_NEW_MAX of them. */
static bool pf_emit_new(struct pf_actx *cx, uint32_t t, struct pf_port to)
{
	if (to.kind != PF_PORT_PARAM && to.kind != PF_PORT_NEW)
		return false;
	const struct pf_loc *l = &cx->locs.v[t];
	if (l->sym || l->parent != -1 ||
	    (l->root != PF_ROOT_HEAP && l->root != PF_ROOT_CALLRET && l->root != PF_ROOT_CALLNEW))
		return false;
	/* the object's number: the one it got in an earlier run of this
	 * function, else the next free one */
	struct pf_fn *fn = cx->fn;
	uint64_t key = (uint64_t)l->root << 32 | (uint32_t)l->index;
	int k = 0;
	while (k < fn->nnew_keys && fn->new_keys[k] != key)
		k++;
	if (k == fn->nnew_keys) {
		if (k >= PF_NEW_MAX)
			return false;
		fn->new_keys[fn->nnew_keys++] = key;
	}
	bool first = !(cx->new_emitted & (1u << k));
	cx->new_emitted |= 1u << k;
	struct pf_port obj = {.kind = PF_PORT_NEW, .index = k, .path = cx->p->empty};
	struct pf_edge e = {.from = obj, .to = to, .pts = true};
	if (!pf_coarse(cx) || pf_edge_coarsen(cx->p, &e))
		pf_summary_add(cx->p, &cx->out, &e);
	if (first)
		pf_emit_object(cx, t, obj, 0);
	return true;
}

/* Emits what a caller can see through an output port: the labels of loc,
 * what it points to (as pointers when the caller can name the target, as
 * contents otherwise) and what was written inside it. */
static void pf_emit_object(struct pf_actx *cx, uint32_t loc, struct pf_port to, int depth)
{
	struct pf_entry *e = pf_state_get(&cx->st, loc);
	if (pf_coarse(cx)) {
		/* the summary will be coarsened to first steps: emit at the
		 * first step now, everything the object holds at once, instead
		 * of walking its fields and pointees one port at a time */
		bool cut;
		to.path = pf_first_step(cx->p, to.path, &cut);
		if (pf_emitted_before(cx, pf_object_key(loc, 0, true), to))
			return;
		pf_emit(cx, pf_deep_labels(cx, loc), to, false);
		if (e)
			pf_emit_pts_named(cx, e->pts, to);
		return;
	}
	if (pf_emitted_before(cx, pf_object_key(loc, depth, false), to))
		return;
	if (e) {
		pf_emit(cx, e->labels, to, false);
		for (uint32_t i = 0; i < e->pts->n; i++) {
			uint32_t t = e->pts->v[i];
			if (pf_nameable(cx, t)) {
				pf_emit_pts(cx, pf_lset_one(&cx->a, t), to);
			} else if (pf_emit_new(cx, t, to)) {
				continue;
			} else if (depth < 2) {
				struct pf_port inner = to;
				char buf[1024];
				snprintf(buf, sizeof(buf), "%s*", to.path);
				inner.path = pf_istr(cx, buf);
				pf_emit_object(cx, t, inner, depth + 1);
			}
		}
	}
	if (depth >= 2)
		return;
	for (uint32_t i = 0; i < cx->st.n; i++) {
		uint32_t l = cx->st.v[i].loc;
		if (l == loc || cx->locs.v[l].parent != (int)loc)
			continue;
		struct pf_port inner = to;
		char buf[1024];
		snprintf(buf, sizeof(buf), "%s%s", to.path, cx->locs.v[l].step);
		inner.path = pf_istr(cx, buf);
		pf_emit_object(cx, l, inner, depth + 1);
	}
}

/* ---- sinks ---- */

/* Everything an argument carries: its value, what it reaches, and the
 * fields its type declares personal data ("a struct whose field is PII"). */
const struct pf_tset *pf_arg_deep(struct pf_actx *cx, const struct pf_val *v,
                                  struct pf_ir_expr *argx)
{
	const struct pf_tset *labels = pf_val_deep(cx, v);
	int n = 0;
	const int *ds = pf_type_deep_sources(cx->p, cx->tu, argx ? argx->type : NULL, &n);
	for (int i = 0; i < n; i++)
		labels = pf_tset_union(&cx->a, labels, pf_source_label(cx, ds[i]));
	return labels;
}

static void pf_check_sink(struct pf_actx *cx, struct pf_fn *g, const char *purpose, int arg,
                          const struct pf_val *v, struct pf_ir_expr *argx, struct pf_ir_expr *call)
{
	const struct pf_tset *all = pf_arg_deep(cx, v, argx);
	const struct pf_tset *labels = &pf_tset_empty;
	for (uint32_t i = 0; i < all->n; i++) /* an endpoint name is not personal data */
		if (!pf_origin_is_endpoint(cx, all->v[i].origin))
			labels = pf_tset_union(
			    &cx->a, labels, pf_tset_one(&cx->a, all->v[i].origin, all->v[i].trace));
	if (labels->n == 0)
		return;
	int site = pf_program_sink_site(cx->p, cx->fn, call->u.call.site, arg, purpose, g->name,
	                                call->pos);
	if (arg < g->decl->nparams && g->decl->param_names && g->decl->param_names[arg] &&
	    g->decl->param_names[arg][0])
		cx->p->sites.v[site].param = g->decl->param_names[arg];
	struct pf_port to = {.kind = PF_PORT_SINK, .index = site, .path = cx->p->empty};
	uint64_t bit = pf_purpose_bit(cx->p, purpose);
	bool consented = (cx->st.consent & bit) != 0;
	pf_emit_by(cx, labels, to, consented, pf_state_consent_by(&cx->st, bit));
}

/* The value of each argument that is a plain string literal, else NULL,
 * for the rules that look at it ("when"). */
static const char **pf_call_literals(struct pf_actx *cx, struct pf_ir_expr **argx, unsigned nargs)
{
	const char **lit = PF_NEW_N(&cx->a, const char *, nargs + 1);
	for (unsigned i = 0; i < nargs; i++)
		lit[i] = argx[i] && argx[i]->kind == PF_E_STRING ? argx[i]->u.text : NULL;
	return lit;
}

static bool pf_sink_applies(const struct pf_sinkspec *s, int i, int nfixed)
{
	if (s->param >= 0)
		return s->param == i;
	if (!s->args)
		return true;
	return pf_argpos_matches(s->args, s->nargs, i, nfixed);
}

/* ---- calls ---- */

static struct pf_val pf_variadic_union(struct pf_actx *cx, struct pf_val *args, unsigned nargs,
                                       unsigned from)
{
	struct pf_val r = pf_val_none;
	for (unsigned i = from; i < nargs; i++)
		r = pf_val_union(cx, r, args[i]);
	return r;
}

/* Parses one step of a port path; returns the rest. */
static const char *pf_next_step(struct pf_actx *cx, const char *path, const char **step)
{
	if (*path == '*') {
		*step = cx->p->star;
		return path + 1;
	}
	const char *end = path + 1;
	while (*end && *end != '.' && *end != '*')
		end++;
	*step = pf_intern_n(&cx->p->strings, path, (size_t)(end - path));
	return end;
}

static const struct pf_lset *pf_follow(struct pf_actx *cx, const struct pf_lset *locs,
                                       const char *path)
{
	while (*path && locs->n) {
		const char *step;
		path = pf_next_step(cx, path, &step);
		if (step == cx->p->star)
			locs = pf_read_pts_set(cx, locs);
		else
			locs = pf_children(cx, locs, step, -1);
	}
	return locs;
}

/* The caller's locations a callee port path names, starting from a value. */
static const struct pf_lset *pf_follow_val(struct pf_actx *cx, const struct pf_val *v,
                                           const char *path)
{
	if (path[0] == '*')
		return pf_follow(cx, v->pts, path + 1);
	if (path[0] == '.')
		return pf_follow(cx, v->objs, path);
	return &pf_lset_empty;
}

struct pf_callsite {
	struct pf_fn *g;
	struct pf_val *args;
	struct pf_ir_expr **argx; /* entries are NULL for a synthesized call */
	unsigned nargs;
	struct pf_ir_expr *call;
	const char *via;
};

/* Caller labels for a callee's from-port. */
static const struct pf_tset *pf_resolve_from(struct pf_actx *cx, const struct pf_callsite *cs,
                                             const struct pf_port *from, const char **before,
                                             const struct pf_tset *const *hub)
{
	*before = NULL;
	switch (from->kind) {
	case PF_PORT_SOURCE:
		return pf_source_label(cx, from->index);
	case PF_PORT_ENDPOINT:
		return pf_tset_one(&cx->a, pf_origin(cx, from), 0);
	case PF_PORT_PARAM: {
		int nfixed = cs->g->decl->nparams;
		struct pf_val v;
		if (from->index >= nfixed)
			v = pf_variadic_union(cx, cs->args, cs->nargs, (unsigned)nfixed);
		else if ((unsigned)from->index < cs->nargs)
			v = cs->args[from->index];
		else
			return &pf_tset_empty;
		int ai = from->index < nfixed ? from->index : nfixed;
		if (!cs->g->arg_msgs)
			cs->g->arg_msgs = PF_NEW_N(&cx->p->arena, const char *, nfixed + 1);
		if (!cs->g->arg_msgs[ai]) {
			const char *pname = ai < nfixed ? cs->g->decl->param_names[ai] : "";
			cs->g->arg_msgs[ai] =
			    pf_msg(cx, "passed to '%s' as argument %d%s%s%s", cs->g->name, ai + 1,
			           *pname ? " ('" : "", pname, *pname ? "')" : "");
		}
		*before = cs->g->arg_msgs[ai];
		/* a parameter declared as an array (`va_list ap`, `char name[16]`)
		 * is a pointer to the caller's array, which the callee reads as
		 * its own variable: what it holds is what the array holds */
		const struct pf_ir_func *gb = cs->g->body;
		if (!*from->path && gb && from->index < nfixed && gb->params[from->index] &&
		    gb->params[from->index]->type &&
		    gb->params[from->index]->type->kind == PF_T_ARRAY)
			return pf_tset_union(&cx->a, v.labels, pf_read_set(cx, v.pts, from->deep));
		if (!*from->path)
			return from->deep ? pf_val_deep(cx, &v) : v.labels;
		const struct pf_lset *locs = pf_follow_val(cx, &v, from->path);
		const struct pf_tset *r = pf_read_set(cx, locs, from->deep);
		if (from->path[0] == '*')
			r = pf_tset_union(&cx->a, r, v.labels);
		return r;
	}
	case PF_PORT_GLOBAL: {
		uint32_t root = pf_loc_root(cx, PF_ROOT_GLOBAL, from->index, NULL);
		const struct pf_lset *locs = pf_follow(cx, pf_lset_one(&cx->a, root), from->path);
		return pf_read_set(cx, locs, from->deep);
	}
	case PF_PORT_HUB:
		*before = pf_msg(cx, "mixed with the other inputs of '%s'", cs->g->name);
		return *hub;
	default:
		return &pf_tset_empty;
	}
}

/* The caller's object for a callee's new object k at this call. */
static uint32_t pf_new_root(struct pf_actx *cx, const struct pf_callsite *cs, int k)
{
	return pf_loc_root(cx, PF_ROOT_CALLNEW, cs->call->u.call.site * PF_NEW_MAX + k, NULL);
}

/* The pointees of locations that hold a callee's new object: what they
 * point to already, and a "*" child of each made its pointee, so that a
 * read through the pointer later finds what the callee wrote there. */
static const struct pf_lset *pf_new_pointees(struct pf_actx *cx, const struct pf_lset *locs)
{
	const struct pf_lset *r = pf_read_pts_set(cx, locs);
	for (uint32_t i = 0; i < locs->n; i++) {
		const struct pf_lset *kid =
		    pf_lset_one(&cx->a, pf_loc_child(cx, locs->v[i], cx->p->star, -1));
		struct pf_val w = pf_val_none;
		w.pts = kid;
		pf_write(cx, pf_lset_one(&cx->a, locs->v[i]), &w, false);
		r = pf_lset_union(&cx->a, r, kid);
	}
	return r;
}

static const struct pf_lset *pf_resolve_from_locs(struct pf_actx *cx, const struct pf_callsite *cs,
                                                  const struct pf_port *from,
                                                  const struct pf_lset *const *hub)
{
	switch (from->kind) {
	case PF_PORT_FUNC:
		return pf_lset_one(&cx->a, pf_loc_root(cx, PF_ROOT_FUNC, from->index, NULL));
	case PF_PORT_PARAM: {
		if ((unsigned)from->index >= cs->nargs)
			return &pf_lset_empty;
		return pf_follow_val(cx, &cs->args[from->index], from->path);
	}
	case PF_PORT_GLOBAL: {
		uint32_t root = pf_loc_root(cx, PF_ROOT_GLOBAL, from->index, NULL);
		return pf_follow(cx, pf_lset_one(&cx->a, root), from->path);
	}
	case PF_PORT_HUB:
		return *hub;
	case PF_PORT_NEW:
		return pf_lset_one(&cx->a, pf_new_root(cx, cs, from->index));
	default:
		return &pf_lset_empty;
	}
}

/* Applies the summary of a function with a body at a call. */
static struct pf_val pf_instantiate(struct pf_actx *cx, const struct pf_callsite *cs)
{
	struct pf_val result = pf_val_none;
	struct pf_fn *g = cs->g;
	struct pf_ir_pos pos = cs->call->pos;
	uint32_t callret = pf_loc_root(cx, PF_ROOT_CALLRET, cs->call->u.call.site, NULL);
	const char *returned = pf_msg(cx, "returned from '%s'", g->name);
	const char **written = PF_NEW_N(&cx->a, const char *, cs->nargs + 1); /* per argument */
	struct pf_memo {
		struct pf_port port;
		bool pts;
		const struct pf_tset *labels;
		const struct pf_lset *locs;
		const char *before;
	} *memo = NULL;
	size_t nmemo = 0;
	/* writes wait until every edge has read the caller's state as it was
	 * at the call, and the callee's kills (kills.c) have cleared what it
	 * overwrites */
	struct pf_pending_write {
		const struct pf_lset *dst;
		struct pf_val w;
	} *pending = PF_NEW_N(&cx->a, struct pf_pending_write, g->summary.n + 1);
	size_t npending = 0;
	/* a simplified summary's hubs: edges into them come first */
	const struct pf_tset *hub = &pf_tset_empty;
	const struct pf_lset *hub_locs = &pf_lset_empty;
	cx->work += g->summary.n;
	/* many edges share a from-port: resolve each once per call, found
	 * through a hash over the ports (slot: memo index + 1) */
	size_t hcap = 16;
	while (hcap < 2 * g->summary.n)
		hcap *= 2;
	memo = PF_NEW_N(&cx->a, struct pf_memo, g->summary.n + 1);
	uint32_t *slots = PF_NEW_N(&cx->a, uint32_t, hcap);
	memset(slots, 0, hcap * sizeof(*slots));
	for (size_t i = 0; i < g->summary.n; i++) {
		const struct pf_edge *e = &g->summary.edges[i];
		const struct pf_tset *labels = NULL;
		const struct pf_lset *locs = NULL;
		const char *before = NULL;
		size_t slot = (size_t)pf_mix(pf_port_hash(&e->from), e->pts) & (hcap - 1);
		size_t m = nmemo;
		while (slots[slot]) {
			size_t k = slots[slot] - 1;
			if (memo[k].pts == e->pts && pf_port_equal(&memo[k].port, &e->from)) {
				m = k;
				break;
			}
			slot = (slot + 1) & (hcap - 1);
		}
		if (m == nmemo) {
			slots[slot] = (uint32_t)(m + 1);
			memo[m].port = e->from;
			memo[m].pts = e->pts;
			memo[m].labels = NULL;
			memo[m].locs = NULL;
			memo[m].before = NULL;
			if (e->pts)
				memo[m].locs = pf_resolve_from_locs(cx, cs, &e->from, &hub_locs);
			else
				memo[m].labels =
				    pf_resolve_from(cx, cs, &e->from, &memo[m].before, &hub);
			nmemo++;
		}
		locs = memo[m].locs;
		labels = memo[m].labels;
		before = memo[m].before;
		if (e->pts ? locs->n == 0 : labels->n == 0)
			continue;
		if (labels && cs->via)
			labels = pf_extend(cx, labels, pos, cs->via, NULL, 0, NULL);
		switch (e->to.kind) {
		case PF_PORT_HUB:
			if (e->pts)
				hub_locs = pf_lset_union(&cx->a, hub_locs, locs);
			else
				hub = pf_tset_union(
				    &cx->a, hub,
				    pf_extend(cx, labels, pos, before, e->trace, e->ntrace, NULL));
			break;
		case PF_PORT_SINK: {
			if (cx->p->sites.v[e->to.index].conditional) {
				/* libcurl in the callee, with a URL it was given */
				struct pf_sink_site ss = cx->p->sites.v[e->to.index];
				const char *ignored;
				const struct pf_tset *none = &pf_tset_empty;
				const struct pf_tset *url =
				    pf_resolve_from(cx, cs, &ss.cond, &ignored, &none);
				labels =
				    pf_extend(cx, labels, pos, before, e->trace, e->ntrace, NULL);
				pf_curl_report_at(cx, url, labels, cx->p->fns.v[ss.fn], ss.site,
				                  ss.argument, ss.callee, ss.pos, e->consented,
				                  e->consent_by);
				break;
			}
			const char *purpose = cx->p->sites.v[e->to.index].purpose;
			uint64_t bit = pf_purpose_bit(cx->p, purpose);
			bool consented = e->consented || (cx->st.consent & bit) != 0;
			labels = pf_extend(cx, labels, pos, before, e->trace, e->ntrace, NULL);
			pf_emit_by(cx, labels, e->to, consented,
			           e->consented ? e->consent_by
			                        : pf_state_consent_by(&cx->st, bit));
			break;
		}
		case PF_PORT_RETURN: {
			if (!*e->to.path) {
				if (e->pts)
					result.pts = pf_lset_union(&cx->a, result.pts, locs);
				else
					result.labels =
					    pf_tset_union(&cx->a, result.labels,
					                  pf_extend(cx, labels, pos, before,
					                            e->trace, e->ntrace, returned));
				break;
			}
			const struct pf_lset *root = pf_lset_one(&cx->a, callret);
			if (e->to.path[0] == '*')
				result.pts = pf_lset_union(&cx->a, result.pts, root);
			else
				result.objs = pf_lset_union(&cx->a, result.objs, root);
			const char *rest = e->to.path[0] == '*' ? e->to.path + 1 : e->to.path;
			const struct pf_lset *dst = root;
			while (*rest) {
				const char *step;
				rest = pf_next_step(cx, rest, &step);
				dst = step == cx->p->star ? pf_new_pointees(cx, dst)
				                          : pf_children(cx, dst, step, -1);
			}
			struct pf_val w = pf_val_none;
			if (e->pts)
				w.pts = locs;
			else
				w.labels = pf_extend(cx, labels, pos, before, e->trace, e->ntrace,
				                     returned);
			pending[npending++] = (struct pf_pending_write){dst, w};
			break;
		}
		case PF_PORT_PARAM:
		case PF_PORT_GLOBAL:
		case PF_PORT_NEW: {
			const struct pf_lset *dst;
			if (e->to.kind == PF_PORT_PARAM) {
				if ((unsigned)e->to.index >= cs->nargs)
					break;
				dst = pf_follow_val(cx, &cs->args[e->to.index], e->to.path);
			} else if (e->to.kind == PF_PORT_NEW) {
				uint32_t root = pf_new_root(cx, cs, e->to.index);
				dst = pf_follow(cx, pf_lset_one(&cx->a, root), e->to.path);
			} else {
				uint32_t root = pf_loc_root(cx, PF_ROOT_GLOBAL, e->to.index, NULL);
				dst = pf_follow(cx, pf_lset_one(&cx->a, root), e->to.path);
			}
			struct pf_val w = pf_val_none;
			const char *after = NULL;
			if (e->to.kind == PF_PORT_PARAM && cs->argx) {
				if (!written[e->to.index]) {
					const char *dest = pf_describe(cx, cs->argx[e->to.index]);
					written[e->to.index] =
					    pf_msg(cx, "written into '%s' by '%s'",
					           dest ? dest : "its argument", g->name);
				}
				after = written[e->to.index];
			}
			if (e->pts)
				w.pts = locs;
			else
				w.labels =
				    pf_extend(cx, labels, pos, before, e->trace, e->ntrace, after);
			pending[npending++] = (struct pf_pending_write){dst, w};
			break;
		}
		default:
			break;
		}
	}
	/* a direct call replaces what the callee overwrites on every path,
	 * where the argument designates one variable of ours */
	for (size_t i = 0; !cs->via && i < g->kills.n; i++) {
		const struct pf_kill *k = &g->kills.v[i];
		if ((unsigned)k->param >= cs->nargs)
			continue;
		const struct pf_lset *dst = pf_follow_val(cx, &cs->args[k->param], k->path);
		if (dst->n == 1 && cx->locs.v[dst->v[0]].root == PF_ROOT_LOCAL)
			pf_write(cx, dst, &pf_val_none, true);
	}
	for (size_t i = 0; i < npending; i++)
		pf_write(cx, pending[i].dst, &pending[i].w, false);
	return result;
}

static void pf_add_dependent(struct pf_fn *callee, struct pf_fn *caller)
{
	for (size_t i = 0; i < callee->dependents.n; i++)
		if (callee->dependents.v[i] == caller->id)
			return;
	PF_VEC_PUSH(callee->dependents, caller->id);
}

static bool pf_name_is(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(name, *list) == 0)
			return true;
	return false;
}

/* Allocators modelled when the program has no body for them (those of
 * pf_alloc_impls below are modelled in any case): the result is a new object
 * of the call site. */
static const char *const pf_alloc_fns[] = {"valloc",  "memalign", "pvalloc",
                                           "xmalloc", "xcalloc",  NULL};
static const char *const pf_realloc_fns[] = {"reallocarray", "xrealloc", NULL};
/* Allocators modelled even when the program compiles their body (redis
 * links jemalloc, whose je_malloc returns memory carved out of arenas that
 * live in globals: followed as code, every allocation of the program would
 * be one object), and the functions that give memory back, which move no
 * data: their bodies are the allocator's own business. */
static const char *const pf_alloc_impls[] = {
    "malloc",    "calloc",     "aligned_alloc",    "je_malloc",
    "je_calloc", "je_mallocx", "je_aligned_alloc", "tc_malloc",
    "tc_calloc", "mi_malloc",  "mi_calloc",        "mi_zalloc",
    NULL};
static const char *const pf_realloc_impls[] = {"realloc",    "je_realloc", "je_rallocx",
                                               "tc_realloc", "mi_realloc", NULL};
static const char *const pf_free_impls[] = {
    "free", "je_free", "je_sdallocx", "je_dallocx", "tc_free", "mi_free", "cfree",
    /* they tell about memory */
    "malloc_usable_size", "je_malloc_usable_size", "je_nallocx", "je_sallocx", "je_mallctl",
    "je_mallctlnametomib", "je_mallctlbymib", "je_malloc_stats_print", "je_get_defrag_hint", NULL};

enum pf_model pf_name_model(const char *name, bool has_body)
{
	if ((pf_name_is(name, pf_alloc_fns) && !has_body) || pf_name_is(name, pf_alloc_impls))
		return PF_MODEL_ALLOC;
	if (pf_name_is(name, pf_free_impls))
		return PF_MODEL_FREE;
	if ((pf_name_is(name, pf_realloc_fns) && !has_body) || pf_name_is(name, pf_realloc_impls))
		return PF_MODEL_REALLOC;
	return PF_MODEL_NONE;
}

/* Where a rule writes "into argument i": what a pointer points to, or the
 * variable itself when a handle is passed by value (sentry_value_t). */
static const struct pf_lset *pf_arg_target(struct pf_actx *cx, const struct pf_val *v,
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
static struct pf_val pf_propagate(struct pf_actx *cx, struct pf_fn *g, struct pf_val *args,
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

static struct pf_val pf_opaque(struct pf_actx *cx, struct pf_fn *g, struct pf_val *args,
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

/* A function pointer handed to a function with no body is assumed to be
 * called with that call's other arguments. */
static void pf_callbacks(struct pf_actx *cx, struct pf_fn *g, struct pf_val *args,
                         struct pf_ir_expr **argx, unsigned nargs, struct pf_ir_expr *call)
{
	if (cx->call_depth > 2)
		return;
	for (unsigned i = 0; i < nargs; i++) {
		for (uint32_t k = 0; k < args[i].pts->n; k++) {
			struct pf_loc *l = &cx->locs.v[args[i].pts->v[k]];
			if (l->root != PF_ROOT_FUNC)
				continue;
			struct pf_fn *cb = cx->p->fns.v[l->index];
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

/* Demands the parameters of g that this call passes data. */
static void pf_demand_args(struct pf_actx *cx, struct pf_fn *g, struct pf_val *args, unsigned nargs)
{
	if (cx->p->full)
		return;
	int nfixed = g->decl->nparams;
	for (unsigned i = 0; i < nargs; i++) {
		int port = (int)i < nfixed || nfixed < 0 ? (int)i : nfixed;
		if (args[i].labels->n || pf_val_deep(cx, &args[i])->n)
			pf_demand_param(cx->p, g, port);
	}
}

static struct pf_val pf_apply_call(struct pf_actx *cx, struct pf_fn *g, struct pf_val *args,
                                   struct pf_ir_expr **argx, unsigned nargs,
                                   struct pf_ir_expr *call, const char *via)
{
	struct pf_val result = pf_val_none;
	const char *name = g->name;
	int nfixed = g->decl->nparams;
	if (strncmp(name, "__builtin_va_", 13) == 0) {
		if (strcmp(name, "__builtin_va_start") == 0 && nargs > 0) {
			struct pf_port port = {.kind = PF_PORT_PARAM,
			                       .index = cx->body->decl->nparams,
			                       .deep = true,
			                       .path = cx->p->empty};
			struct pf_val w = pf_val_none;
			if (pf_demanded(cx->p, cx->fn, &port))
				w.labels = pf_tset_one(&cx->a, pf_origin(cx, &port), 0);
			pf_write(cx, args[0].pts, &w, false);
		} else if (strcmp(name, "__builtin_va_copy") == 0 && nargs > 1) {
			struct pf_val w = pf_val_none;
			w.labels = pf_read_set(cx, args[1].pts, false);
			pf_write(cx, args[0].pts, &w, false);
		}
		return result;
	}
	if (pf_curl_call(cx, g, args, argx, nargs, call, &result))
		return result;
	const char **lit = g->has_rule ? pf_call_literals(cx, argx, nargs) : NULL;
	for (size_t k = 0; k < g->sinks.n; k++)
		for (unsigned i = 0; i < nargs; i++)
			if (pf_sink_applies(&g->sinks.v[k], (int)i, nfixed) &&
			    (!g->sinks.v[k].when ||
			     pf_rules_when_holds(g->sinks.v[k].when, lit, nargs)))
				pf_check_sink(cx, g, g->sinks.v[k].purpose, (int)i, &args[i],
				              argx[i], call);
	if (g->consent_purpose || g->anonymizer)
		return result;
	if (g->model == PF_MODEL_ALLOC) {
		result.pts =
		    pf_lset_one(&cx->a, pf_loc_root(cx, PF_ROOT_HEAP, call->u.call.site, NULL));
		return result;
	}
	if (g->model == PF_MODEL_FREE)
		return result;
	if (g->model == PF_MODEL_REALLOC && nargs > 0) {
		result.pts = pf_lset_union(
		    &cx->a, args[0].pts,
		    pf_lset_one(&cx->a, pf_loc_root(cx, PF_ROOT_HEAP, call->u.call.site, NULL)));
		return result;
	}
	bool annotated = g->decl->ret_source >= 0;
	if (g->decl->ret_source >= 0)
		result.labels = pf_source_label(cx, g->decl->ret_source);
	for (int j = 0; j < nfixed && (unsigned)j < nargs; j++) {
		if (g->decl->param_out_source[j] < 0)
			continue;
		annotated = true;
		struct pf_val w = pf_val_none;
		w.labels = pf_source_label(cx, g->decl->param_out_source[j]);
		pf_write(cx, args[j].pts, &w, false);
	}
	if (g->body) {
		pf_activate(cx->p, g);
		pf_demand_args(cx, g, args, nargs);
		struct pf_callsite cs = {g, args, argx, nargs, call, via};
		pf_add_dependent(g, cx->fn);
		struct pf_callrec rec = {g->id, cx->st.consent, NULL, 0};
		pf_callrec_consent(cx, &rec);
		PF_VEC_PUSH(cx->fn->calls, rec);
		result = pf_val_union(cx, result, pf_instantiate(cx, &cs));
		return pf_own_object(cx, call, result);
	}
	for (const struct pf_rule_source *rs = g->rsource; rs;
	     rs = pf_rules_find_function_source_next(cx->p->opts->rules, g->name, rs)) {
		if (!pf_rules_when_holds(rs->when, lit, nargs))
			continue;
		int src = pf_program_rule_source(cx->p, rs->category, g->name, call->pos);
		if (rs->ret)
			result.labels =
			    pf_tset_union(&cx->a, result.labels, pf_source_label(cx, src));
		for (unsigned i = 0; i < nargs; i++)
			if (pf_argpos_matches(rs->args, rs->nargs, (int)i, nfixed)) {
				struct pf_val w = pf_val_none;
				w.labels = pf_source_label(cx, src);
				pf_write(cx, pf_arg_target(cx, &args[i], argx[i]), &w, false);
			}
	}
	/* a propagator limited to other calls: this one is as if it had none */
	bool unmodelled = g->prop && !pf_rules_when_holds(g->prop->when, lit, nargs);
	if (g->prop && !unmodelled)
		result = pf_val_union(cx, result, pf_propagate(cx, g, args, argx, nargs, call));
	if (unmodelled || (!g->has_rule && !annotated && g->sinks.n == 0))
		result = pf_val_union(cx, result, pf_opaque(cx, g, args, argx, nargs, call));
	pf_callbacks(cx, g, args, argx, nargs, call);
	return pf_own_object(cx, call, result);
}

/* Calls through a pointer that may reach this many functions or more use
 * their merged summary. */
#define PF_GROUP_MIN 8

/* A member of a merged group: a function whose call is just its summary
 * (no rule, annotation or library model applies to it). */
static bool pf_groupable(const struct pf_fn *g, unsigned nargs)
{
	const struct pf_ir_fdecl *d = g->decl;
	if (!g->body || g->sinks.n || g->consent_purpose || g->anonymizer || g->prop ||
	    g->rsource || g->has_rule || d->variadic || d->nparams != (int)nargs ||
	    d->ret_source >= 0 || strncmp(g->name, "curl_", 5) == 0 ||
	    strncmp(g->name, "__builtin_", 10) == 0)
		return false;
	for (int j = 0; j < d->nparams; j++)
		if (d->param_out_source[j] >= 0)
			return false;
	return true;
}

static struct pf_fgroup *pf_fgroup(struct pf_actx *cx, const char *type, unsigned nargs,
                                   struct pf_fn **cand, size_t ncand)
{
	struct pf_program *p = cx->p;
	if (type)
		type = pf_intern(&p->strings, type);
	struct pf_fgroup *grp = NULL;
	for (size_t i = 0; i < p->groups.n && !grp; i++)
		if (p->groups.v[i]->type == type && p->groups.v[i]->nargs == (int)nargs)
			grp = p->groups.v[i];
	if (!grp) {
		grp = PF_NEW(&p->arena, struct pf_fgroup);
		grp->type = type;
		grp->nargs = (int)nargs;
		grp->version = UINT64_MAX;
		for (size_t i = 0; i < ncand; i++)
			if (pf_groupable(cand[i], nargs))
				PF_VEC_PUSH(grp->members, cand[i]);
		struct pf_ir_fdecl *d = PF_NEW(&p->arena, struct pf_ir_fdecl);
		d->nparams = (int)nargs;
		d->ret_source = -1;
		d->param_names = PF_NEW_N(&p->arena, const char *, nargs + 1);
		for (unsigned j = 0; j < nargs; j++)
			d->param_names[j] = "";
		grp->fn.decl = d;
		grp->fn.id = -1;
		grp->fn.name =
		    pf_arena_printf(&p->arena, "one of %zu functions of its type", grp->members.n);
		grp->fn.key = grp->fn.name;
		PF_VEC_PUSH(p->groups, grp);
	}
	uint64_t version = 0;
	for (size_t i = 0; i < grp->members.n; i++)
		version += grp->members.v[i]->analyses;
	if (version != grp->version) {
		/* edges into a member's hub first, as instantiation wants them */
		struct pf_summary *s = &grp->fn.summary;
		pf_summary_free(s);
		for (int phase = 0; phase < 2; phase++)
			for (size_t i = 0; i < grp->members.n; i++) {
				const struct pf_summary *ms = &grp->members.v[i]->summary;
				for (size_t k = 0; k < ms->n; k++)
					if ((ms->edges[k].to.kind == PF_PORT_HUB) == (phase == 0))
						pf_summary_add(p, s, &ms->edges[k]);
			}
		pf_summary_hub(p, s);
		grp->version = version;
	}
	return grp;
}

static struct pf_val pf_eval_call(struct pf_actx *cx, struct pf_ir_expr *e)
{
	unsigned nargs = e->nkids - 1;
	struct pf_val *args = PF_NEW_N(&cx->a, struct pf_val, nargs + 1);
	for (unsigned i = 0; i < nargs; i++)
		args[i] = pf_eval(cx, e->kids[i + 1]);
	struct pf_ir_expr **argx = e->kids + 1;
	struct pf_ir_expr *callee = e->kids[0];
	if (callee->kind == PF_E_FUNC) {
		struct pf_fn *g = pf_program_callee(cx->p, callee);
		if (!g)
			return pf_val_none;
		return pf_apply_call(cx, g, args, argx, nargs, e, NULL);
	}
	/* through a function pointer */
	struct pf_val fv = pf_eval(cx, callee);
	struct pf_val result = pf_val_none;
	const char *name = pf_describe(cx, callee);
	const char *via = pf_msg(cx, "called through '%s'", name ? name : "a function pointer");
	bool any = false;
	for (uint32_t i = 0; i < fv.pts->n; i++) {
		struct pf_loc *l = &cx->locs.v[fv.pts->v[i]];
		if (l->root != PF_ROOT_FUNC)
			continue;
		any = true;
		result = pf_val_union(
		    cx, result,
		    pf_apply_call(cx, cx->p->fns.v[l->index], args, argx, nargs, e, via));
	}
	if (any)
		return result;
	/* unresolved: every address-taken function of a matching type (by its
	 * spelling, else by its number of parameters) */
	const struct pf_ir_type *ft = pf_ir_function_type(callee->type);
	size_t nat = cx->p->address_taken.n;
	struct pf_fn **cand = PF_NEW_N(&cx->a, struct pf_fn *, nat + 1);
	size_t ncand = 0;
	bool by_type = false;
	for (int pass = 0; pass < 2 && !ncand; pass++) {
		by_type = pass == 0;
		for (size_t i = 0; i < nat; i++) {
			struct pf_fn *g = cx->p->address_taken.v[i];
			const struct pf_ir_type *gt = g->decl->type;
			bool match = pass == 0
			                 ? (ft && gt && ft->spelling && gt->spelling &&
			                    strcmp(ft->spelling, gt->spelling) == 0)
			                 : (g->decl->nparams == (int)nargs ||
			                    (g->decl->variadic && g->decl->nparams <= (int)nargs));
			if (match)
				cand[ncand++] = g;
		}
	}
	struct pf_fgroup *grp = NULL;
	if (ncand >= PF_GROUP_MIN)
		grp = pf_fgroup(cx, by_type ? ft->spelling : NULL, nargs, cand, ncand);
	for (size_t i = 0; i < ncand; i++)
		if (!grp || !pf_groupable(cand[i], nargs))
			result = pf_val_union(
			    cx, result, pf_apply_call(cx, cand[i], args, argx, nargs, e, via));
	if (grp) {
		for (size_t i = 0; i < grp->members.n; i++) {
			pf_activate(cx->p, grp->members.v[i]);
			pf_demand_args(cx, grp->members.v[i], args, nargs);
			pf_add_dependent(grp->members.v[i], cx->fn);
			struct pf_callrec rec = {grp->members.v[i]->id, cx->st.consent, NULL, 0};
			pf_callrec_consent(cx, &rec);
			PF_VEC_PUSH(cx->fn->calls, rec);
		}
		struct pf_callsite cs = {&grp->fn, args, argx, nargs, e, via};
		result = pf_val_union(cx, result, pf_instantiate(cx, &cs));
	}
	return result;
}

/* ---- expressions ---- */

/* The step of one element of a constant table ("[3]"). */
static const char *pf_element_step(struct pf_actx *cx, long long k)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "[%lld]", k);
	return pf_istr(cx, buf);
}

/* Whether every location is (inside) a constant global, whose elements
 * were written one by one from its initializer. */
static bool pf_in_constant(struct pf_actx *cx, const struct pf_lset *locs)
{
	for (uint32_t i = 0; i < locs->n; i++)
		if (cx->locs.v[locs->v[i]].root != PF_ROOT_GLOBAL || cx->locs.v[locs->v[i]].sym)
			return false;
	return locs->n > 0;
}

static const struct pf_ir_type *pf_pointee(const struct pf_ir_type *t)
{
	return t && (t->kind == PF_T_POINTER || t->kind == PF_T_ARRAY) ? t->target : NULL;
}

static struct pf_lv pf_lval(struct pf_actx *cx, struct pf_ir_expr *e)
{
	struct pf_lv lv = {&pf_lset_empty, true};
	switch (e->kind) {
	case PF_E_VAR:
		if (e->u.var->kind == PF_V_GLOBAL && e->u.var->index < 0)
			return lv;
		lv.locs = pf_lset_one(&cx->a, pf_loc_var(cx, e->u.var));
		lv.weak = e->u.var->kind == PF_V_GLOBAL;
		return lv;
	case PF_E_FIELD: {
		struct pf_ir_expr *base = e->kids[0];
		const struct pf_ir_type *bt =
		    e->u.field.arrow ? pf_pointee(base->type) : base->type;
		const struct pf_lset *locs;
		if (e->u.field.arrow) {
			struct pf_val bv = pf_eval(cx, base);
			locs = bv.pts;
			lv.weak = locs->n != 1;
			for (uint32_t i = 0; i < locs->n && !lv.weak; i++)
				lv.weak = cx->locs.v[locs->v[i]].root == PF_ROOT_HEAP ||
				          cx->locs.v[locs->v[i]].root == PF_ROOT_CALLNEW;
		} else {
			struct pf_lv b = pf_lval(cx, base);
			locs = b.locs;
			lv.weak = b.weak;
		}
		if (bt && bt->is_union) {
			lv.locs = locs; /* members overlap */
			return lv;
		}
		int source = pf_program_source(cx->p, cx->tu, e->u.field.source);
		lv.locs = pf_children(cx, locs, pf_field_step(cx, e->u.field.name, source), source);
		return lv;
	}
	case PF_E_DEREF: {
		struct pf_val v = pf_eval(cx, e->kids[0]);
		lv.locs = v.pts;
		lv.weak = true;
		return lv;
	}
	case PF_E_INDEX: {
		struct pf_lv b = pf_lval(cx, e->kids[0]);
		pf_eval(cx, e->kids[1]);
		if (e->u.index.known && pf_in_constant(cx, b.locs)) {
			lv.locs =
			    pf_children(cx, b.locs, pf_element_step(cx, e->u.index.value), -1);
			return lv;
		}
		lv.locs = b.locs;
		lv.weak = true;
		return lv;
	}
	case PF_E_SEQ:
	case PF_E_COMBINE:
		for (unsigned i = 0; i + 1 < e->nkids; i++)
			pf_eval(cx, e->kids[i]);
		if (e->nkids)
			return pf_lval(cx, e->kids[e->nkids - 1]);
		return lv;
	case PF_E_CALL: {
		struct pf_val v = pf_eval(cx, e);
		lv.locs = v.objs;
		return lv;
	}
	default:
		return lv;
	}
}

/* Copies a record field by field, so that later writes to one field of
 * either copy do not smear the others. */
static void pf_copy_record(struct pf_actx *cx, const struct pf_lset *dst, const struct pf_lset *src,
                           const struct pf_ir_type *t, bool strong, int depth)
{
	if (!dst->n)
		return;
	if (!t || t->kind != PF_T_RECORD || t->is_union || t->nfields == 0 || t->nfields > 64 ||
	    depth > 3) {
		struct pf_val v = pf_val_none;
		v.labels = pf_read_set(cx, src, depth > 3 || (t && t->nfields > 64));
		v.pts = pf_read_pts_set(cx, src);
		pf_write(cx, dst, &v, strong);
		return;
	}
	/* the whole-object labels of the source (e.g. from memcpy) */
	struct pf_val whole = pf_val_none;
	for (uint32_t i = 0; i < src->n; i++) {
		struct pf_entry *se = pf_state_get(&cx->st, src->v[i]);
		if (se)
			whole.labels = pf_tset_union(&cx->a, whole.labels, se->labels);
	}
	if (strong && dst->n == 1)
		pf_kill_fields(cx, dst->v[0]);
	pf_write(cx, dst, &whole, strong);
	for (size_t f = 0; f < t->nfields; f++) {
		const struct pf_ir_field *fd = &t->fields[f];
		int source = pf_program_source(cx->p, cx->tu, fd->source);
		const char *step = pf_field_step(cx, fd->name, source);
		const struct pf_lset *d = pf_children(cx, dst, step, source);
		const struct pf_lset *s = pf_children(cx, src, step, source);
		if (fd->type && fd->type->kind == PF_T_RECORD) {
			pf_copy_record(cx, d, s, fd->type, strong, depth + 1);
		} else {
			struct pf_val v = pf_val_none;
			v.labels = pf_read_set(cx, s, false);
			v.pts = pf_read_pts_set(cx, s);
			pf_write(cx, d, &v, strong);
		}
	}
}

/* What a branch condition tests for consent: the call or the local it comes
 * down to, through assignments and one-operand wrappers; NULL when neither. */
static struct pf_ir_expr *pf_consent_operand(struct pf_program *p, struct pf_ir_expr *e)
{
	for (int guard = 0; e && guard < 8; guard++) {
		if ((e->kind == PF_E_CALL && e->kids[0]->kind == PF_E_FUNC &&
		     pf_program_callee(p, e->kids[0])) ||
		    e->kind == PF_E_VAR)
			return e;
		if (e->kind == PF_E_ASSIGN && !e->u.assign.compound)
			e = e->kids[1];
		else if ((e->kind == PF_E_COMBINE || e->kind == PF_E_SEQ) && e->nkids == 1)
			e = e->kids[0];
		else
			return NULL;
	}
	return NULL;
}

static uint64_t pf_consent_of(struct pf_actx *cx, struct pf_ir_expr *e)
{
	e = pf_consent_operand(cx->p, e);
	if (!e)
		return 0;
	if (e->kind == PF_E_CALL) {
		struct pf_fn *g = pf_program_callee(cx->p, e->kids[0]);
		return g->consent_purpose ? pf_purpose_bit(cx->p, g->consent_purpose) : 0;
	}
	for (uint32_t i = 0; i < cx->st.ncv; i++)
		if (cx->st.cv[i].var == e->u.var)
			return cx->st.cv[i].mask;
	return 0;
}

/* The check behind pf_consent_of(cx, e): the consent call that e tests,
 * directly or through a local holding its result; NULL when none. */
static const struct pf_consent_check *pf_consent_check_of(struct pf_actx *cx, struct pf_ir_expr *e)
{
	e = pf_consent_operand(cx->p, e);
	if (!e)
		return NULL;
	if (e->kind == PF_E_CALL)
		return pf_consent_check_at(cx->p, pf_program_callee(cx->p, e->kids[0]), e->pos);
	for (uint32_t i = 0; i < cx->st.ncv; i++)
		if (cx->st.cv[i].var == e->u.var)
			return cx->st.cv[i].by;
	return NULL;
}

/* A local that holds a consent result until it is reassigned. */
static void pf_set_consent_var(struct pf_actx *cx, const struct pf_ir_var *v, uint64_t mask,
                               const struct pf_consent_check *by)
{
	uint32_t k = 0;
	for (uint32_t i = 0; i < cx->st.ncv; i++)
		if (cx->st.cv[i].var != v)
			cx->st.cv[k++] = cx->st.cv[i];
	cx->st.ncv = k;
	if (!mask || v->kind == PF_V_GLOBAL)
		return;
	struct pf_cvar *ncv = PF_NEW_N(&cx->a, struct pf_cvar, k + 1);
	if (k)
		memcpy(ncv, cx->st.cv, k * sizeof(*ncv));
	ncv[k] = (struct pf_cvar){v, mask, by};
	cx->st.cv = ncv;
	cx->st.ncv = k + 1;
}

static void pf_assign_to(struct pf_actx *cx, struct pf_lv lv, struct pf_ir_expr *rhs,
                         const struct pf_ir_type *t, struct pf_val *out);

/* Initializes the objects lv with an initializer list. */
static void pf_init_list(struct pf_actx *cx, struct pf_lv lv, struct pf_ir_expr *e)
{
	for (unsigned i = 0; i < e->nkids; i++) {
		const char *d = e->u.init.designator[i];
		struct pf_lv sub = lv;
		const struct pf_ir_type *t = e->kids[i]->type;
		if (e->u.init.is_array || !d || !*d) {
			sub.weak = true;
		} else {
			const struct pf_ir_type *rt = e->type;
			while (*d) {
				const char *dot = strchr(d, '.');
				size_t len = dot ? (size_t)(dot - d) : strlen(d);
				char name[256];
				snprintf(name, sizeof(name), "%.*s", (int)len, d);
				int source = -1;
				const struct pf_ir_type *ft = NULL;
				for (size_t f = 0; rt && f < rt->nfields; f++)
					if (strcmp(rt->fields[f].name, name) == 0) {
						source = pf_program_source(cx->p, cx->tu,
						                           rt->fields[f].source);
						ft = rt->fields[f].type;
					}
				if (!(rt && rt->is_union))
					sub.locs = pf_children(
					    cx, sub.locs, pf_field_step(cx, name, source), source);
				rt = ft;
				t = ft ? ft : t;
				d = dot ? dot + 1 : d + len;
			}
		}
		pf_assign_to(cx, sub, e->kids[i], t, NULL);
		if (e->u.init.is_array && cx->init_elements && e->u.init.element &&
		    e->u.init.element[i] >= 0) {
			/* a constant table: each element also on its own, for
			 * reads at a constant index */
			struct pf_lv el = {
			    pf_children(cx, lv.locs, pf_element_step(cx, e->u.init.element[i]), -1),
			    false};
			pf_assign_to(cx, el, e->kids[i], t, NULL);
		}
	}
}

static void pf_assign_to(struct pf_actx *cx, struct pf_lv lv, struct pf_ir_expr *rhs,
                         const struct pf_ir_type *t, struct pf_val *out)
{
	if (rhs->kind == PF_E_INIT) {
		pf_init_list(cx, lv, rhs);
		if (out)
			*out = pf_val_none;
		return;
	}
	struct pf_val v = pf_eval(cx, rhs);
	if (out)
		*out = v;
	if (t && t->kind == PF_T_RECORD && v.objs->n) {
		pf_copy_record(cx, lv.locs, v.objs, t, !lv.weak, 0);
		return;
	}
	if (t && t->kind == PF_T_ARRAY) {
		/* char buf[] = "..." or an array from a compound literal */
		struct pf_val w = pf_val_none;
		w.labels = pf_val_deep(cx, &v);
		pf_write(cx, lv.locs, &w, !lv.weak);
		return;
	}
	pf_write(cx, lv.locs, &v, !lv.weak);
}

static struct pf_val pf_eval_kind(struct pf_actx *cx, struct pf_ir_expr *e)
{
	switch (e->kind) {
	case PF_E_VAR:
	case PF_E_FIELD:
	case PF_E_INDEX: {
		struct pf_val base = pf_val_none;
		if (e->kind == PF_E_FIELD && e->u.field.arrow)
			base =
			    pf_eval(cx, e->kids[0]); /* a tainted pointer taints what it reaches */
		struct pf_lv lv = pf_lval(cx, e);
		struct pf_val v = pf_load(cx, lv.locs, e->type);
		if (e->kind == PF_E_VAR && e->u.var->kind == PF_V_GLOBAL && e->u.var->index < 0)
			v.labels =
			    pf_source_label(cx, pf_program_source(cx->p, cx->tu, e->u.var->source));
		if (e->kind == PF_E_FIELD && e->u.field.arrow)
			v.labels = pf_tset_union(&cx->a, v.labels, base.labels);
		if (e->kind == PF_E_FIELD) /* declared personal data, wherever it lies */
			v.labels = pf_tset_union(
			    &cx->a, v.labels,
			    pf_source_label(cx,
			                    pf_program_source(cx->p, cx->tu, e->u.field.source)));
		if (e->kind == PF_E_INDEX) /* a value read at a PII index is PII */
			v.labels = pf_tset_union(&cx->a, v.labels, pf_eval(cx, e->kids[1]).labels);
		return v;
	}
	case PF_E_DEREF: {
		struct pf_val p = pf_eval(cx, e->kids[0]);
		if (pf_is_kind(e->type, PF_T_FUNCTION))
			return p;
		struct pf_val v = pf_load(cx, p.pts, e->type);
		v.labels = pf_tset_union(&cx->a, v.labels, p.labels);
		return v;
	}
	case PF_E_ADDR: {
		struct pf_ir_expr *k = e->kids[0];
		if (k->kind == PF_E_FUNC)
			return pf_eval(cx, k);
		struct pf_val v = pf_val_none;
		v.pts = pf_lval(cx, k).locs;
		return v;
	}
	case PF_E_FUNC: {
		struct pf_val v = pf_val_none;
		struct pf_fn *g = pf_program_callee(cx->p, e);
		if (g)
			v.pts = pf_lset_one(&cx->a, pf_loc_root(cx, PF_ROOT_FUNC, g->id, NULL));
		return v;
	}
	case PF_E_CALL:
		return pf_eval_call(cx, e);
	case PF_E_ASSIGN: {
		struct pf_ir_expr *lhs = e->kids[0];
		struct pf_val v;
		if (e->u.assign.compound) {
			v = pf_val_union(cx, pf_eval(cx, e->kids[1]), pf_eval(cx, lhs));
			struct pf_lv lv = pf_lval(cx, lhs);
			pf_write(cx, lv.locs, &v, !lv.weak);
		} else {
			struct pf_lv lv = pf_lval(cx, lhs);
			pf_assign_to(cx, lv, e->kids[1], lhs->type, &v);
		}
		if (lhs->kind == PF_E_VAR)
			pf_set_consent_var(
			    cx, lhs->u.var,
			    e->u.assign.compound ? 0 : pf_consent_of(cx, e->kids[1]),
			    e->u.assign.compound ? NULL : pf_consent_check_of(cx, e->kids[1]));
		return v;
	}
	case PF_E_COMBINE: {
		struct pf_val v = pf_val_none;
		for (unsigned i = 0; i < e->nkids; i++)
			v = pf_val_union(cx, v, pf_eval(cx, e->kids[i]));
		return v;
	}
	case PF_E_SEQ: {
		struct pf_val v = pf_val_none;
		for (unsigned i = 0; i < e->nkids; i++)
			v = pf_eval(cx, e->kids[i]);
		return v;
	}
	case PF_E_INIT: {
		struct pf_val v = pf_val_none;
		for (unsigned i = 0; i < e->nkids; i++) {
			struct pf_val k = pf_eval(cx, e->kids[i]);
			v.labels = pf_tset_union(&cx->a, v.labels, pf_val_deep(cx, &k));
			v.pts = pf_lset_union(&cx->a, v.pts, k.pts);
		}
		return v;
	}
	case PF_E_STRING: {
		struct pf_val v = pf_val_none;
		v.labels = pf_curl_string_labels(cx, e->u.text);
		return v;
	}
	default:
		return pf_val_none;
	}
}

static struct pf_val pf_eval(struct pf_actx *cx, struct pf_ir_expr *e)
{
	if (!e)
		return pf_val_none;
	return pf_eval_kind(cx, e);
}

/* ---- statements and the graph ---- */

static void pf_stmt(struct pf_actx *cx, struct pf_ir_stmt *s)
{
	switch (s->kind) {
	case PF_S_EVAL:
		pf_eval(cx, s->expr);
		break;
	case PF_S_INIT: {
		struct pf_ir_var *v = s->var;
		if (v->kind == PF_V_GLOBAL && v->index < 0)
			break;
		uint32_t loc = pf_loc_var(cx, v);
		struct pf_lv lv = {pf_lset_one(&cx->a, loc), v->kind == PF_V_GLOBAL};
		if (!lv.weak) {
			struct pf_val none = pf_val_none;
			pf_write(cx, lv.locs, &none, true); /* a declaration starts afresh */
		}
		pf_assign_to(cx, lv, s->expr, v->type, NULL);
		pf_set_consent_var(cx, v, pf_consent_of(cx, s->expr),
		                   pf_consent_check_of(cx, s->expr));
		break;
	}
	case PF_S_RETURN:
		if (s->expr) {
			struct pf_val v = pf_eval(cx, s->expr);
			/* accumulated over every visit: kept in the persistent arena */
			cx->ret_labels =
			    pf_tset_clone(&cx->pa, pf_tset_union(&cx->a, cx->ret_labels, v.labels));
			cx->ret_pts =
			    pf_lset_clone(&cx->pa, pf_lset_union(&cx->a, cx->ret_pts, v.pts));
			cx->ret_objs =
			    pf_lset_clone(&cx->pa, pf_lset_union(&cx->a, cx->ret_objs, v.objs));
		}
		break;
	}
}

/* The constant globals an expression reads, and those their initializers
 * read in turn (a table of pointers to trackers). */
static void pf_collect_constants(struct pf_program *p, struct pf_fn *fn, const struct pf_ir_expr *e,
                                 int depth)
{
	if (!e || depth > 64)
		return;
	if (e->kind == PF_E_VAR && e->u.var && e->u.var->kind == PF_V_GLOBAL &&
	    e->u.var->index >= 0 && p->globals.v[e->u.var->index].constant) {
		int g = e->u.var->index;
		bool known = false;
		for (size_t i = 0; i < fn->constants.n && !known; i++)
			known = fn->constants.v[i] == g;
		if (!known) {
			PF_VEC_PUSH(fn->constants, g);
			pf_collect_constants(p, fn, p->globals.v[g].init, depth + 1);
		}
	}
	for (unsigned i = 0; i < e->nkids; i++)
		pf_collect_constants(p, fn, e->kids[i], depth + 1);
}

/* The state at entry: nothing written yet, except the constant globals the
 * function reads, which hold what their initializers say (each tracker's
 * own callback, a URL kept in a global). */
static void pf_entry_state(struct pf_actx *cx)
{
	memset(&cx->st, 0, sizeof(cx->st));
	cx->st.reached = true;
	struct pf_fn *fn = cx->fn;
	if (!fn->constants_known) {
		for (unsigned b = 0; b < cx->body->nblocks; b++) {
			const struct pf_ir_block *bl = &cx->body->blocks[b];
			for (unsigned k = 0; k < bl->nstmts; k++)
				pf_collect_constants(cx->p, fn, bl->stmts[k].expr, 0);
			pf_collect_constants(cx->p, fn, bl->cond, 0);
		}
		fn->constants_known = true;
	}
	int tu = cx->tu;
	for (size_t i = 0; i < fn->constants.n; i++) {
		const struct pf_global *g = &cx->p->globals.v[fn->constants.v[i]];
		struct pf_lv lv = {
		    pf_lset_one(&cx->a, pf_loc_root(cx, PF_ROOT_GLOBAL, fn->constants.v[i], NULL)),
		    false};
		cx->tu = g->init_tu; /* the initializer's field sources are that unit's */
		cx->init_elements = true;
		pf_assign_to(cx, lv, g->init, g->init->type, NULL);
		cx->init_elements = false;
	}
	cx->tu = tu;
}

/* The summary of a function too costly to analyze: what any parameter
 * reaches may reach the return value and what any writable pointer
 * parameter points to. Sinks found before the budget ran out are kept. */
static void pf_assume_everything(struct pf_actx *cx)
{
	const struct pf_ir_fdecl *d = cx->body->decl;
	for (int i = 0; i < d->nparams; i++) {
		struct pf_port from = {
		    .kind = PF_PORT_PARAM, .index = i, .deep = true, .path = cx->p->empty};
		if (!pf_demanded(cx->p, cx->fn, &from))
			continue;
		const struct pf_tset *l = pf_tset_one(&cx->a, pf_origin(cx, &from), 0);
		struct pf_port ret = {.kind = PF_PORT_RETURN, .path = cx->p->empty};
		pf_emit(cx, l, ret, false);
		ret.path = cx->p->star;
		pf_emit(cx, l, ret, false);
		for (int j = 0; j < d->nparams; j++) {
			const struct pf_ir_type *t =
			    cx->body->params[j] ? cx->body->params[j]->type : NULL;
			if (d->param_const_pointee[j] || !t || t->kind != PF_T_POINTER)
				continue;
			struct pf_port to = {
			    .kind = PF_PORT_PARAM, .index = j, .path = cx->p->star};
			pf_emit(cx, l, to, false);
		}
	}
}

/* Emits the function's outputs from the state at its exit. */
static void pf_finish(struct pf_actx *cx)
{
	struct pf_port ret = {.kind = PF_PORT_RETURN, .path = cx->p->empty};
	pf_emit(cx, cx->ret_labels, ret, false);
	for (uint32_t i = 0; i < cx->ret_pts->n; i++) {
		uint32_t t = cx->ret_pts->v[i];
		if (pf_nameable(cx, t)) {
			pf_emit_pts(cx, pf_lset_one(&cx->a, t), ret);
		} else {
			struct pf_port inner = ret;
			inner.path = cx->p->star;
			pf_emit_object(cx, t, inner, 0);
		}
	}
	for (uint32_t i = 0; i < cx->ret_objs->n; i++) {
		uint32_t o = cx->ret_objs->v[i];
		const struct pf_ir_type *rt =
		    cx->body->decl->type ? cx->body->decl->type->target : NULL;
		for (size_t f = 0; rt && rt->kind == PF_T_RECORD && f < rt->nfields; f++) {
			int source = pf_program_source(cx->p, cx->tu, rt->fields[f].source);
			const char *step = pf_field_step(cx, rt->fields[f].name, source);
			uint32_t c = pf_loc_child(cx, o, step, source);
			struct pf_port to = ret;
			to.path = step;
			pf_emit(cx, pf_read_labels(cx, c), to, false);
			pf_emit_object(cx, c, to, 1);
		}
	}
	if (!cx->st.reached)
		return;
	/* Past the summary's bound, to-ports are cut to their first step, so
	 * many entries share one: their labels are gathered per port and
	 * emitted once (a hash over ports, in the scratch arena). */
	struct pf_pending {
		struct pf_port to;
		const struct pf_tset *labels;
	} *pend = NULL;
	uint32_t *pslots = NULL;
	size_t npend = 0, pcap = 16;
	while (pcap < 2 * (size_t)cx->st.n)
		pcap *= 2;
	for (uint32_t i = 0; i < cx->st.n; i++) {
		uint32_t loc = cx->st.v[i].loc;
		struct pf_loc *l = &cx->locs.v[loc];
		if (!l->sym)
			continue;
		struct pf_port to;
		if (!pf_loc_port(cx, loc, false, &to))
			continue;
		if (to.kind == PF_PORT_PARAM && to.path[0] != '*')
			continue; /* the parameter variable itself is the callee's copy */
		to.deep = false;
		struct pf_entry *e = &cx->st.v[i];
		if (pf_coarse(cx) && e->labels->n) {
			if (!pend) {
				pend = PF_NEW_N(&cx->a, struct pf_pending, cx->st.n + 1);
				pslots = PF_NEW_N(&cx->a, uint32_t, pcap);
			}
			struct pf_port cut = to;
			bool was_cut;
			cut.path = pf_first_step(cx->p, to.path, &was_cut);
			size_t slot = (size_t)pf_port_hash(&cut) & (pcap - 1);
			while (pslots[slot] && !pf_port_equal(&pend[pslots[slot] - 1].to, &cut))
				slot = (slot + 1) & (pcap - 1);
			if (!pslots[slot]) {
				pend[npend] = (struct pf_pending){cut, &pf_tset_empty};
				pslots[slot] = (uint32_t)++npend;
			}
			struct pf_pending *pd = &pend[pslots[slot] - 1];
			if (pd->labels->n + e->labels->n > PF_SET_MAX) {
				pf_emit(cx, pd->labels, pd->to, false);
				pd->labels = &pf_tset_empty;
			}
			pd->labels = pf_tset_union(&cx->a, pd->labels, e->labels);
		} else {
			pf_emit(cx, e->labels, to, false);
		}
		pf_emit_pts_named(cx, e->pts, to);
		for (uint32_t k = 0; k < e->pts->n; k++) {
			uint32_t t = e->pts->v[k];
			if (pf_nameable(cx, t) || pf_emit_new(cx, t, to))
				continue;
			struct pf_port inner = to;
			char buf[1024];
			snprintf(buf, sizeof(buf), "%s*", to.path);
			inner.path = pf_istr(cx, buf);
			pf_emit_object(cx, t, inner, 1);
		}
	}
	for (size_t i = 0; i < npend; i++)
		pf_emit(cx, pend[i].labels, pend[i].to, false);
}

#define PF_BLOCK_VISITS 64

static size_t pf_peak_rss_mb(void)
{
	struct rusage ru;
	return getrusage(RUSAGE_SELF, &ru) == 0 ? (size_t)ru.ru_maxrss >> 10 : 0;
}

/* Reverse postorder numbers of the blocks from the entry (blocks the entry
 * does not reach come last, in order). */
static unsigned *pf_rpo_numbers(const struct pf_ir_func *body)
{
	unsigned nb = body->nblocks;
	unsigned *num = pf_xcalloc(nb + 1, sizeof(*num));
	unsigned char *state = pf_xcalloc(nb + 1, 1); /* 0 new, 1 open, 2 done */
	unsigned *stack = pf_xcalloc(nb + 1, sizeof(*stack));
	unsigned *next = pf_xcalloc(nb + 1, sizeof(*next));
	unsigned *post = pf_xcalloc(nb + 1, sizeof(*post));
	unsigned npost = 0, sp = 0;
	if (nb) {
		stack[sp++] = 0;
		state[0] = 1;
	}
	while (sp) {
		unsigned b = stack[sp - 1];
		const struct pf_ir_block *bl = &body->blocks[b];
		unsigned nsucc = bl->term == PF_TERM_GOTO ? 1 : bl->term == PF_TERM_BRANCH ? 2 : 0;
		if (next[b] < nsucc) {
			int t = bl->succ[next[b]++];
			if (t >= 0 && (unsigned)t < nb && !state[t]) {
				state[t] = 1;
				stack[sp++] = (unsigned)t;
			}
			continue;
		}
		state[b] = 2;
		post[npost++] = b;
		sp--;
	}
	unsigned k = 0;
	for (unsigned i = npost; i-- > 0;)
		num[post[i]] = k++;
	for (unsigned b = 0; b < nb; b++)
		if (!state[b])
			num[b] = k++;
	free(state);
	free(stack);
	free(next);
	free(post);
	return num;
}

bool pf_analyze_function(struct pf_program *p, struct pf_fn *fn)
{
	clock_t t_start = clock();
	if (p->debug)
		fprintf(stderr, "engine: start %s (%u blocks)\n", fn->name, fn->body->nblocks);
	struct pf_ir_func *body = fn->body;
	fn->stale = false;
	struct pf_actx cx = {
	    .p = p, .fn = fn, .body = body, .tu = fn->tu, .a = p->scratch, .pa = p->scratch_kept};
	p->scratch = p->scratch_kept = (struct pf_arena){0};
	fn->calls.n = 0; /* the calls of this run replace those of the last */
	cx.ret_labels = &pf_tset_empty;
	cx.ret_pts = &pf_lset_empty;
	cx.ret_objs = &pf_lset_empty;
	struct pf_tnode none = {0};
	PF_VEC_PUSH(cx.tnodes, none); /* trace 0: no steps */
	pf_kills_compute(&cx);
	unsigned nb = body->nblocks;
	struct pf_state *in = pf_xcalloc(nb, sizeof(*in));
	unsigned *visits = pf_xcalloc(nb, sizeof(*visits));
	bool *queued = pf_xcalloc(nb, sizeof(*queued));
	/* blocks are visited in reverse postorder (a heap of rpo numbers), so
	 * that a block runs once its predecessors have, loops aside */
	unsigned *rpo = pf_rpo_numbers(body);
	unsigned *byrpo = pf_xcalloc(nb + 1, sizeof(*byrpo));
	for (unsigned k = 0; k < nb; k++)
		byrpo[rpo[k]] = k;
	size_t *heap = pf_xcalloc(nb + 1, sizeof(*heap));
	size_t count = 0;
	pf_entry_state(&cx);
	pf_state_copy(&cx, &cx.pa, &in[0], &cx.st);
	pf_heap_push(heap, &count, rpo[0]);
	queued[0] = true;
	bool budget = false, over_work = false;
	uint64_t ops_start = pf_lattice_ops;
	uint64_t ops_budget = p->exhausted ? PF_OPS_BUDGET / 50 : PF_OPS_BUDGET;
	struct pf_state exit_state = {0};
	while (count) {
		int b = (int)byrpo[pf_heap_pop(heap, &count)];
		queued[b] = false;
		if (++visits[b] > PF_BLOCK_VISITS) {
			budget = true;
			continue;
		}
		if (cx.work > PF_WORK_BUDGET || pf_lattice_ops - ops_start > ops_budget) {
			over_work = true;
			break;
		}
		pf_arena_reset(&cx.a);
		cx.gen++; /* memoized reads belong to the last visit */
		pf_state_copy(&cx, &cx.a, &cx.st, &in[b]);
		cx.work += in[b].n + 1;
		struct pf_ir_block *bl = &body->blocks[b];
		for (unsigned s = 0; s < bl->nstmts && !over_work; s++) {
			pf_stmt(&cx, &bl->stmts[s]);
			over_work = pf_lattice_ops - ops_start > ops_budget;
		}
		if (over_work)
			break;
		int nsucc = 0;
		int succ[2];
		uint64_t extra[2] = {0, 0};
		const struct pf_consent_check *extra_by = NULL; /* names extra[0] */
		if (bl->term == PF_TERM_GOTO) {
			succ[nsucc++] = bl->succ[0];
		} else if (bl->term == PF_TERM_BRANCH) {
			if (bl->cond) {
				pf_eval(&cx, bl->cond);
				extra[0] = pf_consent_of(&cx, bl->cond);
				if (extra[0])
					extra_by = pf_consent_check_of(&cx, bl->cond);
			}
			succ[nsucc++] = bl->succ[0];
			succ[nsucc++] = bl->succ[1];
		} else {
			pf_state_join(&cx, &exit_state, &cx.st);
		}
		struct pf_state out = cx.st;
		for (int k = 0; k < nsucc; k++) {
			int t = succ[k];
			if (t < 0 || (unsigned)t >= nb)
				continue;
			struct pf_state edge = out;
			edge.consent |= extra[k];
			if (extra[k])
				pf_state_consent_add(&cx, &edge, extra_by);
			if (pf_state_join(&cx, &in[t], &edge) && !queued[t]) {
				pf_heap_push(heap, &count, rpo[t]);
				queued[t] = true;
			}
		}
	}
	/* past the program's budget, its one warning counts these */
	if (p->exhausted && (budget || over_work))
		p->over_after_exhausted++;
	if (budget && !p->exhausted)
		pf_program_budget(p, body->decl->pos,
		                  "the flow analysis of '%s' did not settle within its budget; "
		                  "findings in it may be incomplete",
		                  fn->name);
	if (over_work) {
		if (!p->exhausted)
			pf_program_budget(p, body->decl->pos,
			                  "the flow analysis of '%s' exceeded its work budget; its "
			                  "summary assumes that everything its parameters reach "
			                  "flows to its results",
			                  fn->name);
		pf_assume_everything(&cx);
	}
	cx.st = exit_state;
	cx.gen++;
	cx.finishing = true;
	pf_finish(&cx);
	cx.finishing = false;
	/* widening: a summary still changing on its third run is coarsened
	 * whatever its size, so that recursive groups of functions settle */
	size_t raw_edges = cx.out.n;
	char raw_kinds[256] = "";
	if (p->debug) {
		/* the raw summary's edges by (pointer or data, from kind, to kind) */
		enum { NK = PF_PORT_NEW + 1 };
		static const char kc[NK + 1] = "SpgfRsEHn"; /* by enum pf_port_kind */
		unsigned hist[2][NK][NK] = {{{0}}};
		for (size_t i = 0; i < cx.out.n; i++) {
			const struct pf_edge *e = &cx.out.edges[i];
			hist[e->pts][e->from.kind][e->to.kind]++;
		}
		size_t len = 0;
		for (int a = 0; a < 2 && cx.out.n >= 100; a++)
			for (int f = 0; f < NK; f++)
				for (int t = 0; t < NK; t++)
					if (hist[a][f][t] * 10 >= cx.out.n &&
					    len + 24 < sizeof(raw_kinds))
						len += (size_t)snprintf(
						    raw_kinds + len, sizeof(raw_kinds) - len,
						    " %s%c>%c:%u", a ? "pts" : "dat", kc[f], kc[t],
						    hist[a][f][t]);
	}
	if (p->debug_fn && getenv("PIIFLOW_DEBUG_RAW") && strcmp(p->debug_fn, fn->name) == 0) {
		struct pf_summary keep = fn->summary;
		fn->summary = cx.out;
		pf_summary_dump(p, fn, stderr);
		fn->summary = keep;
	}
	pf_summary_coarsen(p, &cx.out, fn->runs >= PF_WIDEN_RUNS || p->exhausted);
	int hub = pf_summary_hub(p, &cx.out);
	if (!hub)
		pf_summary_hub_first(p, &cx.out);
	if (hub == 2 && p->exhausted)
		p->over_after_exhausted++;
	else if (hub == 2 && fn->runs == 0)
		pf_program_budget(
		    p, body->decl->pos,
		    "the summary of '%s' has too many flows into sinks to keep apart; "
		    "data reaching any of its inputs is taken to reach each of its sinks",
		    fn->name);
	for (size_t i = 0; i < cx.out.n; i++) {
		struct pf_edge *e = &cx.out.edges[i];
		if (e->tnode)
			e->trace = pf_trace_flatten(&cx, e->tnode, &e->ntrace);
		e->tnode = 0;
	}
	struct pf_summary old = fn->summary;
	bool changed = !fn->analyzed ? cx.out.n > 0 : !pf_summary_equal(&old, &cx.out);
	fn->summary = cx.out;
	pf_summary_free(&old);
	if (p->debug)
		fprintf(stderr,
		        "%.3fs engine: %s run %u: %zu edges (%zu before bounds), %zu origins, %zu "
		        "locs, "
		        "%zu trace nodes, %u blocks, %zu MB held, %zu MB kept, %zu MB peak%s\n",
		        (double)(clock() - t_start) / CLOCKS_PER_SEC, fn->name, fn->runs + 1,
		        cx.out.n, raw_edges, cx.origins.n, cx.locs.n, cx.tnodes.n, nb,
		        p->arena.used >> 20, cx.pa.used >> 20, pf_peak_rss_mb(), raw_kinds);
	if (p->debug > 1 || (p->debug_fn && strcmp(p->debug_fn, fn->name) == 0))
		pf_summary_dump(p, fn, stderr);
	fn->analyzed = true;
	/* rounds count the runs that changed the summary: a run whose callees
	 * changed but whose own summary came out the same has settled */
	if (changed || fn->runs == 0)
		fn->runs++;
	fn->analyses++;
	free(in);
	free(visits);
	free(heap);
	free(rpo);
	free(byrpo);
	free(queued);
	free(cx.loc_slots);
	free(cx.tnode_slots);
	for (int k = 0; k < 2; k++) {
		free(cx.acc[k].stamp);
		free(cx.acc[k].trace);
		free(cx.acc[k].list);
	}
	free(cx.loc_seen);
	free(cx.emitted_slots);
	PF_VEC_FREE(cx.emitted);
	free(cx.origin_slots);
	free(cx.memo);
	PF_VEC_FREE(cx.locs);
	PF_VEC_FREE(cx.origins);
	PF_VEC_FREE(cx.coarse_origins);
	PF_VEC_FREE(cx.tnodes);
	struct pf_arena *keep[2] = {&cx.a, &cx.pa}, *into[2] = {&p->scratch, &p->scratch_kept};
	for (int k = 0; k < 2; k++) {
		if (keep[k]->reserved > PF_SCRATCH_KEEP)
			pf_arena_release(keep[k]);
		pf_arena_reset(keep[k]);
		*into[k] = *keep[k];
	}
	return changed;
}
