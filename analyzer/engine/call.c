/*
 * Calls: which function a call reaches (directly, or through a pointer:
 * the functions it may point to, else every address-taken function of its
 * type, merged into one group past PF_GROUP_MIN), and what a call of each
 * does, in order: the library models (models.c, curl.c), the rules' sinks,
 * consent and anonymizers, annotations, the summary of a function with a
 * body (instantiate.c), the rules' sources and propagators, and last an
 * opaque function.
 */
#include "engine/analyze_int.h"

#include <stdlib.h>
#include <string.h>

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

static void pf_add_dependent(struct pf_fn *callee, struct pf_fn *caller)
{
	for (size_t i = 0; i < callee->dependents.n; i++)
		if (callee->dependents.v[i] == caller->id)
			return;
	PF_VEC_PUSH(callee->dependents, caller->id);
}

void pf_demand_args(struct pf_actx *cx, struct pf_fn *g, struct pf_val *args, unsigned nargs)
{
	if (cx->p->full)
		return;
	int nfixed = g->decl->nparams;
	for (unsigned i = 0; i < nargs; i++) {
		int port = (int)i < nfixed || nfixed < 0 ? (int)i : nfixed;
		if (pf_param_demanded(g, port))
			continue; /* known already: no deep read to find out */
		/* what the argument reaches, and the objects that hold it
		 * as a member: the callee may turn a pointer to a member back
		 * into its object (container_of), and its summary says
		 * which of the object's fields it reads */
		if (args[i].labels->n || pf_val_deep_up(cx, &args[i])->n)
			pf_demand_param(cx->p, g, port);
	}
}

struct pf_val pf_apply_call(struct pf_actx *cx, struct pf_fn *g, struct pf_val *args,
                            struct pf_ir_expr **argx, unsigned nargs, struct pf_ir_expr *call,
                            const char *via)
{
	struct pf_val result = pf_val_none;
	int nfixed = g->decl->nparams;
	if (pf_model_builtin(cx, g, args, nargs))
		return result;
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
	if (pf_model_call(cx, g, args, nargs, call, &result))
		return result;
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
		struct pf_callsite cs = {g, args, argx, nargs, call, via, NULL};
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

/* The number in a merged summary of member summary ms's deferred call id,
 * whose calls are numbered from first on. */
static int pf_dcall_renumber(const struct pf_summary *ms, int id, size_t first)
{
	int k = pf_summary_dcall(ms, id);
	return k < 0 ? -1 : (int)first + k;
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
		/* the members' deferred calls, numbered anew: member i's
		 * start at first[i] */
		size_t *first = pf_xcalloc(grp->members.n + 1, sizeof(*first));
		/* and their points-to hubs (emit.c), apart: member i's start
		 * after hubs[i] */
		int *hubs = pf_xcalloc(grp->members.n + 1, sizeof(*hubs));
		for (size_t i = 0; i < grp->members.n; i++) {
			const struct pf_summary *ms = &grp->members.v[i]->summary;
			hubs[i + 1] = hubs[i] + pf_summary_hubs(ms);
			first[i] = s->dcalls.n;
			for (size_t k = 0; k < ms->dcalls.n; k++) {
				struct pf_dcall d = ms->dcalls.v[k];
				d.id = (int)s->dcalls.n;
				PF_VEC_PUSH(s->dcalls, d);
			}
		}
		for (int phase = 0; phase < 2; phase++)
			for (size_t i = 0; i < grp->members.n; i++) {
				const struct pf_summary *ms = &grp->members.v[i]->summary;
				for (size_t k = 0; k < ms->n; k++) {
					struct pf_edge e = ms->edges[k];
					if ((e.to.kind == PF_PORT_HUB) != (phase == 0))
						continue;
					if (e.to.kind == PF_PORT_CALLARG)
						e.to.index = PF_DCALL_PORT(
						    pf_dcall_renumber(
						        ms, e.to.index / PF_DCALL_ARGS, first[i]),
						    e.to.index % PF_DCALL_ARGS);
					if (e.from.kind == PF_PORT_CALLRET)
						e.from.index =
						    pf_dcall_renumber(ms, e.from.index, first[i]);
					if (e.to.kind == PF_PORT_HUB && e.to.index > 0)
						e.to.index += hubs[i];
					if (e.from.kind == PF_PORT_HUB && e.from.index > 0)
						e.from.index += hubs[i];
					pf_summary_add(p, s, &e);
				}
			}
		free(first);
		free(hubs);
		pf_summary_hub(p, s);
		grp->version = version;
	}
	return grp;
}

/* The functions a call through a pointer that points to none the
 * analysis knows may reach: those whose address is taken with the
 * pointer's function type (their own, or one their address is converted
 * to); where none is, those with as many parameters whose address goes
 * where the analysis does not follow it. A function handed to another
 * that has a body is followed there: a hook that only the library's users
 * set (curl's share lock) reaches none of the program's functions. *type
 * is the type's spelling where they were found by it, else NULL. */
static size_t pf_pointer_candidates(struct pf_program *p, const struct pf_ir_expr *callee,
                                    unsigned nargs, struct pf_fn **cand, const char **type)
{
	const struct pf_ir_type *ft = pf_ir_function_type(callee->type);
	size_t ncand = 0;
	for (int pass = 0; pass < 2 && !ncand; pass++) {
		*type = pass == 0 && ft ? ft->spelling : NULL;
		for (size_t i = 0; i < p->address_taken.n; i++) {
			struct pf_fn *g = p->address_taken.v[i];
			const struct pf_ir_type *gt = g->decl->type;
			if (g->library_only)
				continue;
			bool arity = g->decl->nparams == (int)nargs ||
			             (g->decl->variadic && g->decl->nparams <= (int)nargs);
			bool match = false;
			if (pass == 1)
				match = arity && g->escapes;
			else if (ft && ft->spelling) {
				match =
				    gt && gt->spelling && strcmp(ft->spelling, gt->spelling) == 0;
				for (size_t k = 0; k < g->cast_types.n && !match && arity; k++)
					match = strcmp(ft->spelling, g->cast_types.v[k]) == 0;
			}
			if (match)
				cand[ncand++] = g;
		}
	}
	return ncand;
}

/* Whether a caller can name location loc by a port: a parameter's pointee
 * or what lies below it, a global, or a function; params_only: only what
 * a parameter points to (a function handed as an argument, not one kept
 * in a member of an object handed: those are hooks of an object that
 * lives on, which the callers resolve no better). */
static bool pf_nameable(struct pf_actx *cx, uint32_t loc, bool params_only)
{
	struct pf_port port;
	if (cx->locs.v[loc].root == PF_ROOT_FUNC)
		return !params_only;
	if (!pf_loc_port(cx, loc, false, &port))
		return false;
	if (port.kind == PF_PORT_PARAM)
		return params_only ? port.path == cx->p->star : port.path[0] == '*';
	return !params_only && port.kind == PF_PORT_GLOBAL;
}

/* The deferred call of the summary being built that a call through the
 * pointer at port fn with nargs arguments joins, or NULL. */
static const struct pf_dcall *pf_dcall_of(struct pf_actx *cx, const struct pf_port *fn,
                                          unsigned nargs)
{
	for (size_t i = 0; i < cx->out.dcalls.n; i++)
		if (cx->out.dcalls.v[i].nargs == nargs &&
		    pf_port_equal(&cx->out.dcalls.v[i].fn, fn))
			return &cx->out.dcalls.v[i];
	return NULL;
}

/* Whether a call through a pointer that holds what a parameter holds
 * (held: one location, whose port goes to fn) can be left to the callers
 * (struct pf_dcall): the function has callers, the call's result is not a
 * pointer or a record (what the callers' own call returns would have to
 * be an object of ours), and every argument is a value the callers can
 * name (no record passed by value, no pointer to an object of this
 * function's own). */
static bool pf_can_defer(struct pf_actx *cx, const struct pf_lset *held, struct pf_port *fn,
                         const struct pf_ir_expr *call, struct pf_val *args, unsigned nargs)
{
	if (!cx->fn->called || nargs >= PF_DCALL_FN || held->n != 1 ||
	    !pf_loc_port(cx, held->v[0], false, fn))
		return false;
	if (cx->out.dcalls.n >= PF_DCALL_MAX && !pf_dcall_of(cx, fn, nargs))
		return false;
	if (call->type && (call->type->kind == PF_T_POINTER || call->type->kind == PF_T_RECORD))
		return false;
	for (unsigned i = 0; i < nargs; i++) {
		if (args[i].objs->n)
			return false;
		for (uint32_t k = 0; k < args[i].pts->n; k++)
			if (!pf_nameable(cx, args[i].pts->v[k], false))
				return false;
	}
	return true;
}

int pf_dsite(struct pf_actx *cx, const struct pf_ir_expr *orig)
{
	struct pf_fn *fn = cx->fn;
	for (size_t i = 0; i < fn->dsites.n; i++)
		if (fn->dsites.v[i].orig == orig)
			return (int)i;
	struct pf_ir_expr *c = PF_NEW(&cx->p->arena, struct pf_ir_expr);
	*c = *orig;
	c->u.call.site = (int)(cx->body->ncallsites + 1 + fn->dsites.n);
	struct pf_dsite ds = {orig, c};
	PF_VEC_PUSH(fn->dsites, ds);
	return (int)fn->dsites.n - 1;
}

/* Keeps the call in the summary (joining the call through the same
 * pointer, if any): its callee and arguments as edges into its ports,
 * its result an input of its own. */
static struct pf_val pf_defer(struct pf_actx *cx, const struct pf_ir_expr *orig,
                              const struct pf_port *fn, const struct pf_lset *fnpts,
                              struct pf_val *args, unsigned nargs, const char *via)
{
	const struct pf_dcall *known = pf_dcall_of(cx, fn, nargs);
	int id = known ? known->id : pf_dsite(cx, orig);
	if (!known) {
		struct pf_dcall d = {.id = id, .nargs = nargs, .call = orig, .via = via, .fn = *fn};
		pf_summary_add_dcall(&cx->out, &d);
	}
	struct pf_port to = {.kind = PF_PORT_CALLARG, .path = cx->p->empty};
	to.index = PF_DCALL_PORT(id, PF_DCALL_FN);
	pf_emit_pts(cx, fnpts, to);
	for (unsigned i = 0; i < nargs; i++) {
		to.index = PF_DCALL_PORT(id, (int)i);
		pf_emit(cx, args[i].labels, to, false);
		pf_emit_pts(cx, args[i].pts, to);
	}
	struct pf_port ret = {.kind = PF_PORT_CALLRET, .index = id, .path = cx->p->empty};
	struct pf_val result = pf_val_none;
	result.labels = pf_tset_one(&cx->a, pf_origin(cx, &ret), 0);
	return result;
}

struct pf_val pf_call_through(struct pf_actx *cx, const struct pf_lset *fnpts, struct pf_val *args,
                              struct pf_ir_expr **argx, unsigned nargs, struct pf_ir_expr *call,
                              const struct pf_ir_expr *orig, const char *via)
{
	struct pf_val result = pf_val_none;
	bool any = false, params = true;
	const struct pf_lset *held = &pf_lset_empty; /* what is not a function */
	for (uint32_t i = 0; i < fnpts->n; i++) {
		struct pf_loc *l = &cx->locs.v[fnpts->v[i]];
		if (l->root != PF_ROOT_FUNC) {
			params = params && pf_nameable(cx, fnpts->v[i], true);
			held = pf_lset_union(&cx->a, held, pf_lset_one(&cx->a, fnpts->v[i]));
			continue;
		}
		any = true;
		result = pf_val_union(
		    cx, result,
		    pf_apply_call(cx, cx->p->fns.v[l->index], args, argx, nargs, call, via));
	}
	/* the function a parameter holds, beside ours (`fn = wrap ? ours :
	 * fn`), is the callers' to make */
	struct pf_port fn;
	if (held->n && params && pf_can_defer(cx, held, &fn, orig, args, nargs))
		return pf_val_union(cx, result, pf_defer(cx, orig, &fn, held, args, nargs, via));
	if (any)
		return result;
	/* unresolved: the functions of its type */
	struct pf_fn **cand = PF_NEW_N(&cx->a, struct pf_fn *, cx->p->address_taken.n + 1);
	const char *type;
	size_t ncand = pf_pointer_candidates(cx->p, call->kids[0], nargs, cand, &type);
	struct pf_fgroup *grp = NULL;
	if (ncand >= PF_GROUP_MIN)
		grp = pf_fgroup(cx, type, nargs, cand, ncand);
	for (size_t i = 0; i < ncand; i++)
		if (!grp || !pf_groupable(cand[i], nargs))
			result = pf_val_union(
			    cx, result, pf_apply_call(cx, cand[i], args, argx, nargs, call, via));
	if (grp) {
		for (size_t i = 0; i < grp->members.n; i++) {
			pf_activate(cx->p, grp->members.v[i]);
			pf_demand_args(cx, grp->members.v[i], args, nargs);
			pf_add_dependent(grp->members.v[i], cx->fn);
			struct pf_callrec rec = {grp->members.v[i]->id, cx->st.consent, NULL, 0};
			pf_callrec_consent(cx, &rec);
			PF_VEC_PUSH(cx->fn->calls, rec);
		}
		struct pf_callsite cs = {&grp->fn, args, argx, nargs, call, via, NULL};
		result = pf_val_union(cx, result, pf_instantiate(cx, &cs));
	}
	return result;
}

struct pf_val pf_eval_call(struct pf_actx *cx, struct pf_ir_expr *e)
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
	/* a pointer read where the contents are known at entry that points
	 * to no function is null */
	if (fv.pts->n == 0 && pf_in_fixed_global(cx->p, callee))
		return pf_val_none;
	const char *name = pf_describe(cx, callee);
	const char *via = pf_msg(cx, "called through '%s'", name ? name : "a function pointer");
	return pf_call_through(cx, fv.pts, args, argx, nargs, e, e, via);
}
