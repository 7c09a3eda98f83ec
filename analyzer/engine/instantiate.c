/*
 * A callee's summary applied at a call site: each port of an edge is
 * resolved to the caller's labels or locations (arguments, what they point
 * to, globals, the callee's new objects, the hubs of a coarsened summary),
 * the trace of each label is extended by the callee's steps, and what the
 * callee writes lands in the caller's state once every edge has read it
 * as it was at the call.
 */
#include "engine/analyze_int.h"

#include <string.h>

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

const struct pf_tset *pf_extend(struct pf_actx *cx, const struct pf_tset *s, struct pf_ir_pos pos,
                                const char *before, const struct pf_step *steps, unsigned nsteps,
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
	while (*end && *end != '.' && *end != '*' && *end != '<')
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
	case PF_PORT_CALLRET: {
		int k = cs->dret ? pf_summary_dcall(&cs->g->summary, from->index) : -1;
		return k >= 0 && cs->dret[k] ? cs->dret[k] : &pf_tset_empty;
	}
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
                                                  const struct pf_lset *const *hub, size_t nhubs)
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
		return (size_t)from->index < nhubs ? hub[from->index] : &pf_lset_empty;
	case PF_PORT_NEW:
		return pf_lset_one(&cx->a, pf_new_root(cx, cs, from->index));
	default:
		return &pf_lset_empty;
	}
}

/* Flows between the program's own places. An edge of a callee's summary
 * from a source or a global into a global or an unconditional sink holds
 * for the whole program: the callee's summary gives it to the solve of
 * globals and to the findings (solve.c), where every read of a global sees
 * what any function stores in it. Where the caller holds nothing of its
 * own at the edge's from-port (what it reads there is that port's own
 * entry, pf_fixed_read) and the to-port is that global's own place, the
 * caller's copy would be the callee's edge again: a sink's is left out,
 * and a global's place is given its own entry instead (what any function
 * stores there), so that the caller's later reads see it through the
 * solve. Copied, such edges came back as products in every caller's
 * summary: on git, tens of thousands of edges from globals into globals
 * in one function. */
static bool pf_edge_fixed(const struct pf_program *p, const struct pf_edge *e)
{
	if (p->copy_fixed || e->pts ||
	    (e->from.kind != PF_PORT_SOURCE && e->from.kind != PF_PORT_GLOBAL))
		return false;
	if (e->to.kind == PF_PORT_GLOBAL)
		return true;
	return e->to.kind == PF_PORT_SINK && !p->sites.v[e->to.index].conditional;
}

/* Whether labels are nothing but the entry of port from: by one trace or
 * several (the same data), and, for a deep port, what lies at its place
 * and what lies below it. */
static bool pf_fixed_read(struct pf_actx *cx, const struct pf_tset *labels,
                          const struct pf_port *from)
{
	if (labels->n == 0)
		return false;
	for (uint32_t i = 0; i < labels->n; i++) {
		const struct pf_port *o = &cx->origins.v[labels->v[i].origin];
		if (o->kind != from->kind || o->index != from->index || o->path != from->path ||
		    (o->deep && !from->deep))
			return false;
	}
	return true;
}

/* Whether locations are the caller's own place of global port to, and,
 * where to steps through a pointer, the places of globals that the
 * caller's pointer points to besides: each gets the port's own entry
 * (what any function stores through the pointer), so that the caller's
 * summary links them to it, as the solve of globals links the pointer to
 * what it points to (solve.c, pf_galias_pass). */
static bool pf_fixed_place(struct pf_actx *cx, const struct pf_lset *dst, const struct pf_port *to)
{
	if (dst->n == 0 || (dst->n > 1 && !strchr(to->path, '*')) ||
	    !pf_demanded(cx->p, cx->fn, to))
		return false;
	bool own = false;
	for (uint32_t i = 0; i < dst->n; i++) {
		struct pf_port at;
		if (!pf_loc_port(cx, dst->v[i], false, &at))
			return false;
		if (pf_port_equal(&at, to))
			own = true;
		else if (at.kind != PF_PORT_GLOBAL || strchr(at.path, '*'))
			return false;
	}
	return own;
}

/* What a deferred call of the callee is handed at this call: per
 * argument its labels and what it points to, and the functions it calls
 * (PF_PORT_CALLARG edges; empty sets until an edge adds to them). */
struct pf_dargs {
	const struct pf_tset **labels;
	const struct pf_lset **pts;
	const struct pf_lset *fn;
};

/* Makes the callee's deferred calls with what this call hands them: the
 * functions we pass, or a call deferred again where we pass what one of
 * our parameters holds. Their results, per call, into dret. */
static void pf_resolve_dcalls(struct pf_actx *cx, const struct pf_callsite *cs, struct pf_dargs *da,
                              const struct pf_tset **dret)
{
	const struct pf_summary *s = &cs->g->summary;
	for (size_t k = 0; k < s->dcalls.n; k++) {
		const struct pf_dcall *d = &s->dcalls.v[k];
		if (da[k].fn->n == 0)
			continue; /* we hand it no function: it calls nothing */
		if (cx->call_depth >= PF_DCALL_DEPTH) {
			cx->dcall_cut = cs->g->name;
			continue;
		}
		int site = pf_dsite(cx, d->call); /* may grow dsites */
		struct pf_ir_expr *call = cx->fn->dsites.v[site].call;
		struct pf_val *args = PF_NEW_N(&cx->a, struct pf_val, d->nargs + 1);
		struct pf_ir_expr **argx = PF_NEW_N(&cx->a, struct pf_ir_expr *, d->nargs + 1);
		for (unsigned i = 0; i < d->nargs; i++) {
			args[i] = pf_val_none;
			args[i].labels = da[k].labels[i];
			args[i].pts = da[k].pts[i];
		}
		cx->call_depth++;
		struct pf_val r =
		    pf_call_through(cx, da[k].fn, args, argx, d->nargs, call, d->call, d->via);
		cx->call_depth--;
		dret[k] = r.labels;
	}
}

/* Where an edge into a deferred call's port lands: its call and argument. */
static void pf_darg_add(struct pf_actx *cx, const struct pf_callsite *cs, struct pf_dargs *da,
                        const struct pf_edge *e, const struct pf_tset *labels,
                        const struct pf_lset *locs)
{
	int k = pf_summary_dcall(&cs->g->summary, e->to.index / PF_DCALL_ARGS);
	int arg = e->to.index % PF_DCALL_ARGS;
	if (k < 0)
		return;
	if (arg == PF_DCALL_FN) {
		if (e->pts)
			da[k].fn = pf_lset_union(&cx->a, da[k].fn, locs);
	} else if ((unsigned)arg < cs->g->summary.dcalls.v[k].nargs) {
		if (e->pts)
			da[k].pts[arg] = pf_lset_union(&cx->a, da[k].pts[arg], locs);
		else
			da[k].labels[arg] = pf_tset_union(&cx->a, da[k].labels[arg], labels);
	}
}

/* One pass of a callee's summary at a call (pf_instantiate): the second
 * takes the results of its deferred calls from cs->dret, and leaves out
 * what the first did once for all (the kills, the deferred calls'
 * arguments, gathered into da). */
static struct pf_val pf_apply_edges(struct pf_actx *cx, const struct pf_callsite *cs, int pass,
                                    struct pf_dargs *da)
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
	/* the callee's conditional libcurl sinks: their data and URLs, one
	 * set per site and consent (few) */
	struct pf_curl_part {
		int site;
		bool url;
		const struct pf_tset *labels;
		bool consented;
		const struct pf_consent_check *by;
	} *curl = NULL;
	size_t ncurl = 0;
	/* a simplified summary's hubs: edges into them come first */
	const struct pf_tset *hub = &pf_tset_empty;
	size_t nhubs = (size_t)pf_summary_hubs(&g->summary) + 1;
	const struct pf_lset **hub_locs = PF_NEW_N(&cx->a, const struct pf_lset *, nhubs);
	for (size_t i = 0; i < nhubs; i++)
		hub_locs[i] = &pf_lset_empty;
	cx->work += g->summary.n;
	/* many edges share a from-port: resolve each once per call, found
	 * through a hash over the ports (slot: memo index + 1) */
	size_t hcap = 16;
	while (hcap < 2 * g->summary.n)
		hcap *= 2;
	memo = PF_NEW_N(&cx->a, struct pf_memo, g->summary.n + 1);
	uint32_t *slots = PF_NEW_N(&cx->a, uint32_t, hcap);
	memset(slots, 0, hcap * sizeof(*slots));
	/* and each to-port's locations once: many edges write into one
	 * (slot: index into dsts + 1) */
	struct pf_dst {
		struct pf_port port;
		const struct pf_lset *locs;
	} *dsts = PF_NEW_N(&cx->a, struct pf_dst, g->summary.n + 1);
	size_t ndsts = 0;
	uint32_t *dslots = PF_NEW_N(&cx->a, uint32_t, hcap);
	memset(dslots, 0, hcap * sizeof(*dslots));
	for (size_t i = 0; i < g->summary.n; i++) {
		const struct pf_edge *e = &g->summary.edges[i];
		if (pass == 1 && e->to.kind == PF_PORT_CALLARG)
			continue; /* made already */
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
				memo[m].locs =
				    pf_resolve_from_locs(cx, cs, &e->from, hub_locs, nhubs);
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
		bool fixed = pf_edge_fixed(cx->p, e) && pf_fixed_read(cx, labels, &e->from);
		if (fixed && e->to.kind == PF_PORT_SINK)
			continue;
		if (labels && cs->via)
			labels = pf_extend(cx, labels, pos, cs->via, NULL, 0, NULL);
		switch (e->to.kind) {
		case PF_PORT_CALLARG:
			pf_darg_add(
			    cx, cs, da, e,
			    e->pts ? NULL
			           : pf_extend(cx, labels, pos, before, e->trace, e->ntrace, NULL),
			    locs);
			break;
		case PF_PORT_HUB:
			if (e->pts) {
				if ((size_t)e->to.index < nhubs)
					hub_locs[e->to.index] =
					    pf_lset_union(&cx->a, hub_locs[e->to.index], locs);
			} else
				hub = pf_tset_union(
				    &cx->a, hub,
				    pf_extend(cx, labels, pos, before, e->trace, e->ntrace, NULL));
			break;
		case PF_PORT_SINK: {
			if (cx->p->sites.v[e->to.index].conditional) {
				/* libcurl in the callee, with a URL it was given: its
				 * data once every part of the URL is known */
				struct pf_curl_part part = {e->to.index, e->to.path == cx->p->url,
				                            labels, e->consented, e->consent_by};
				if (!part.url)
					part.labels = pf_extend(cx, labels, pos, before, e->trace,
					                        e->ntrace, NULL);
				size_t k = 0;
				while (k < ncurl &&
				       (curl[k].site != part.site || curl[k].url != part.url ||
				        curl[k].consented != part.consented ||
				        curl[k].by != part.by))
					k++;
				if (k == ncurl) {
					if (!curl)
						curl = PF_NEW_N(&cx->a, struct pf_curl_part,
						                g->summary.n + 1);
					curl[ncurl++] = part;
				} else {
					curl[k].labels =
					    pf_tset_union(&cx->a, curl[k].labels, part.labels);
				}
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
			if (e->to.kind == PF_PORT_PARAM && (unsigned)e->to.index >= cs->nargs)
				break;
			size_t ds = (size_t)pf_port_hash(&e->to) & (hcap - 1);
			while (dslots[ds] && !pf_port_equal(&dsts[dslots[ds] - 1].port, &e->to))
				ds = (ds + 1) & (hcap - 1);
			if (!dslots[ds]) {
				const struct pf_lset *d;
				if (e->to.kind == PF_PORT_PARAM) {
					d = pf_follow_val(cx, &cs->args[e->to.index], e->to.path);
				} else if (e->to.kind == PF_PORT_NEW) {
					uint32_t root = pf_new_root(cx, cs, e->to.index);
					d = pf_follow(cx, pf_lset_one(&cx->a, root), e->to.path);
				} else {
					uint32_t root =
					    pf_loc_root(cx, PF_ROOT_GLOBAL, e->to.index, NULL);
					d = pf_follow(cx, pf_lset_one(&cx->a, root), e->to.path);
				}
				dsts[ndsts] = (struct pf_dst){e->to, d};
				dslots[ds] = (uint32_t)++ndsts;
			}
			const struct pf_lset *dst = dsts[dslots[ds] - 1].locs;
			struct pf_val w = pf_val_none;
			const char *after = NULL;
			if (e->to.kind == PF_PORT_PARAM && cs->argx) {
				if (!written[e->to.index]) {
					const char *dest = pf_describe(cx, cs->argx[e->to.index]);
					/* a call made for a callee (a deferred call, a
					 * callback) has no expressions: the parameter's name */
					const char *pname =
					    e->to.index < g->decl->nparams && g->decl->param_names
					        ? g->decl->param_names[e->to.index]
					        : NULL;
					if (!pname)
						pname = "";
					written[e->to.index] =
					    dest ? pf_msg(cx, "written into '%s' by '%s'", dest,
					                  g->name)
					         : pf_msg(cx,
					                  "written into its argument%s%s%s by '%s'",
					                  *pname ? " '" : "", pname,
					                  *pname ? "'" : "", g->name);
				}
				after = written[e->to.index];
			}
			if (e->pts)
				w.pts = locs;
			else if (fixed && pf_fixed_place(cx, dst, &e->to))
				w.labels = pf_tset_one(&cx->a, pf_origin(cx, &e->to), 0);
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
	for (size_t i = 0; i < ncurl; i++) {
		if (curl[i].url)
			continue;
		const struct pf_tset *url = &pf_tset_empty;
		for (size_t k = 0; k < ncurl; k++)
			if (curl[k].url && curl[k].site == curl[i].site)
				url = pf_tset_union(&cx->a, url, curl[k].labels);
		const struct pf_sink_site *ss = &cx->p->sites.v[curl[i].site];
		pf_curl_report_at(cx, url, curl[i].labels, cx->p->fns.v[ss->fn], ss->site,
		                  ss->argument, ss->callee, ss->pos, cs->call->u.call.site,
		                  curl[i].consented, curl[i].by);
	}
	/* a direct call replaces what the callee overwrites on every path,
	 * where the argument designates one variable of ours (not again
	 * after its deferred calls, which may have written there) */
	for (size_t i = 0; pass == 0 && !cs->via && i < g->kills.n; i++) {
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

/* Applies the summary of a function with a body at a call. A summary
 * with deferred calls is applied twice: the callee's own edges, then its
 * deferred calls made with the functions this call hands it, then the
 * edges again, so that what the callee reads after its call of theirs
 * (what it returned, what it wrote through the callee's arguments) sees
 * what they did; the second pass also lets the callee's edges read what
 * they wrote before the call (adds flows, rarely). */
struct pf_val pf_instantiate(struct pf_actx *cx, const struct pf_callsite *cs)
{
	const struct pf_summary *s = &cs->g->summary;
	size_t nd = s->dcalls.n;
	struct pf_dargs *da = PF_NEW_N(&cx->a, struct pf_dargs, nd + 1);
	for (size_t k = 0; k < nd; k++) {
		unsigned n = s->dcalls.v[k].nargs;
		da[k].labels = PF_NEW_N(&cx->a, const struct pf_tset *, n + 1);
		da[k].pts = PF_NEW_N(&cx->a, const struct pf_lset *, n + 1);
		da[k].fn = &pf_lset_empty;
		for (unsigned i = 0; i < n; i++) {
			da[k].labels[i] = &pf_tset_empty;
			da[k].pts[i] = &pf_lset_empty;
		}
	}
	struct pf_val result = pf_apply_edges(cx, cs, 0, da);
	if (nd == 0)
		return result;
	uint64_t gen = cx->gen;
	const struct pf_tset **dret = PF_NEW_N(&cx->a, const struct pf_tset *, nd + 1);
	pf_resolve_dcalls(cx, cs, da, dret);
	bool any = cx->gen != gen;
	for (size_t k = 0; k < nd && !any; k++)
		any = dret[k] && dret[k]->n;
	if (!any)
		return result;
	/* what they wrote may be data the callee reads after its call */
	if (cs->g->body)
		pf_demand_args(cx, cs->g, cs->args, cs->nargs);
	struct pf_callsite again = *cs;
	again.dret = dret;
	return pf_val_union(cx, result, pf_apply_edges(cx, &again, 1, da));
}
