/*
 * The function's summary, emitted from the state at its exit (pf_finish)
 * and, for sinks, as calls reach them (pf_emit_by): each label that reaches
 * an output port becomes an edge from its origin, each pointer a caller can
 * name a points-to edge, and an object the function made and left
 * reachable a new object of the summary. Past the summary's bound, edges
 * are made as coarsening will cut them, so that the summary being built
 * stays small.
 */
#include "engine/analyze_int.h"

#include <stdio.h>
#include <string.h>

/* Whether the summary being built will be coarsened (past its bound, or
 * widened): edges are then added as coarsening will make them. */
static bool pf_coarse(const struct pf_actx *cx)
{
	return cx->out.n > PF_SUMMARY_MAX || cx->coarsened || cx->fn->runs >= PF_WIDEN_RUNS ||
	       cx->p->exhausted;
}

void pf_emit(struct pf_actx *cx, const struct pf_tset *labels, struct pf_port to, bool consented)
{
	pf_emit_by(cx, labels, to, consented, NULL);
}

/* The origin standing for o's port as coarsening cuts it (pf_edge_coarsen's
 * from-port), found once per origin: a summary past its bound is emitted
 * label by label, and cutting a path interns a string. A coarse port is
 * an origin of its own, so that labels sharing one are told by number. */
static uint32_t pf_coarse_origin(struct pf_actx *cx, uint32_t o)
{
	while (cx->coarse_id.n <= o) {
		struct pf_port from = cx->origins.v[cx->coarse_id.n];
		bool cut;
		from.path = pf_first_step(cx->p, from.path, &cut);
		from.deep |= cut;
		uint32_t id = pf_origin(cx, &from);
		PF_VEC_PUSH(cx->coarse_id, id);
	}
	return cx->coarse_id.v[o];
}

/* Past the summary's bound many labels of one set share a coarse origin,
 * and one edge stands for them all: the label with the shortest trace
 * (the first of those, as adding them in order would keep). Marks, per
 * coarse origin, the label to emit; pf_emit_by skips the others, which
 * would each cost a look-up in the summary to add nothing. */
static void pf_pick_coarse(struct pf_actx *cx, const struct pf_tset *labels)
{
	/* labels are sorted by origin: the last has the highest */
	(void)pf_coarse_origin(cx, labels->v[labels->n - 1].origin);
	if (cx->npicks < cx->origins.n) {
		size_t n = cx->origins.n * 2 + 64;
		cx->picks = pf_xrealloc(cx->picks, n * sizeof(*cx->picks));
		memset(cx->picks + cx->npicks, 0, (n - cx->npicks) * sizeof(*cx->picks));
		cx->npicks = n;
	}
	if (++cx->pick_cur == 0) {
		memset(cx->picks, 0, cx->npicks * sizeof(*cx->picks));
		cx->pick_cur = 1;
	}
	for (uint32_t i = 0; i < labels->n; i++) {
		struct pf_pick *k = &cx->picks[cx->coarse_id.v[labels->v[i].origin]];
		unsigned len = pf_trace_length(cx, labels->v[i].trace);
		if (k->stamp != cx->pick_cur || len < k->len)
			*k = (struct pf_pick){cx->pick_cur, i, len};
	}
}

static void pf_out_check(struct pf_actx *cx);

/* Adds an edge to the summary being built, with its trace (tnode, len),
 * unless it holds it already with a trace as good; once the summary goes
 * through its hub, as pf_hub_pass would add it. */
static void pf_out_add(struct pf_actx *cx, struct pf_edge e, uint32_t tnode, unsigned len)
{
	if (cx->hubbed && pf_edge_through_hub(&e, cx->hubbed == 2)) {
		struct pf_port hub = {.kind = PF_PORT_HUB, .path = cx->p->empty};
		struct pf_edge in = e;
		in.to = hub;
		in.consented = false;
		if (pf_summary_wants(&cx->out, &in, len)) {
			in.tnode = tnode;
			in.ntrace = len;
			pf_summary_add(cx->p, &cx->out, &in);
		}
		e.from = hub;
		e.trace = NULL;
		tnode = 0;
		len = 0;
	}
	if (!pf_summary_wants(&cx->out, &e, len))
		return;
	/* flattened once the summary is final (pf_analyze_function) */
	e.tnode = tnode;
	e.ntrace = len;
	pf_summary_add(cx->p, &cx->out, &e);
	if (cx->finishing && !cx->hubbed &&
	    cx->out.n > (cx->hub_check ? cx->hub_check : 2 * PF_SUMMARY_MAX))
		pf_out_check(cx);
}

/* The summary being emitted is past its bound. Coarsened now, it is what
 * the end would make of these edges (coarsening works edge by edge), and
 * what follows is emitted coarse whatever the size; if it is still past
 * the bound, the end would send it through the hub (pf_summary_hub), so
 * it goes through now, and what follows is sent through as it comes:
 * where a summary would relate thousands of inputs to thousands of
 * outputs, one edge per input and one per output, not their product.
 * The summary in the end is the same. */
static void pf_out_check(struct pf_actx *cx)
{
	pf_summary_coarsen(cx->p, &cx->out, true);
	cx->coarsened = true;
	cx->hubbed = pf_summary_hub(cx->p, &cx->out);
	cx->hub_check = cx->out.n * 2;
}

static bool pf_port_same_place(const struct pf_port *a, const struct pf_port *b)
{
	return a->kind == b->kind && a->index == b->index && a->path == b->path;
}

/* A to-port as coarsening cuts it (pf_edge_coarsen): where the hub sends. */
static struct pf_port pf_cut_port(struct pf_actx *cx, struct pf_port to)
{
	bool cut;
	if (to.kind != PF_PORT_SINK)
		to.path = pf_first_step(cx->p, to.path, &cut);
	return to;
}

/* The record of a label set sent through the hub before (sets are
 * immutable: by address), or NULL. */
static struct pf_hub_set *pf_hub_set(struct pf_actx *cx, const struct pf_tset *labels)
{
	size_t i = (size_t)(uintptr_t)pf_ptrmap_get(&cx->hub_index, labels);
	return i ? &cx->hub_sets.v[i - 1] : NULL;
}

/* Emits a label set at port to past the summary's hub, when it was sent
 * to the hub before: only the hub's edge to the port, and the edges of
 * the labels that bypass the hub. False when the set must be emitted
 * label by label (met for the first time, or some of its labels were
 * left out at a port that is not this one). */
static bool pf_emit_hubbed(struct pf_actx *cx, const struct pf_tset *labels, struct pf_port to,
                           bool consented, const struct pf_consent_check *by)
{
	if ((to.kind == PF_PORT_SINK && cx->hubbed != 2) || !labels->n)
		return false;
	const struct pf_hub_set *hs = pf_hub_set(cx, labels);
	if (!hs || hs->direct || (hs->excl && !pf_port_same_place(&hs->excluded, &to)))
		return false;
	struct pf_edge e = {.to = to, .consented = consented, .consent_by = consented ? by : NULL};
	e.from = hs->port;
	if (hs->ports == 0 || (hs->ports == 1 && pf_edge_inside_object(&e)))
		return true;
	e.from = (struct pf_port){.kind = PF_PORT_HUB, .path = cx->p->empty};
	pf_out_add(cx, e, 0, 0);
	return true;
}

/* After a label set was emitted label by label past the summary's hub:
 * what pf_emit_hubbed needs to send it again. */
static void pf_hub_note(struct pf_actx *cx, const struct pf_tset *labels, struct pf_port to)
{
	struct pf_hub_set *hs = pf_hub_set(cx, labels);
	if (hs) {
		/* sent again at another port: what was left out at the first
		 * (its own data) was sent at this one */
		if (hs->excl && !pf_port_same_place(&hs->excluded, &to))
			hs->excl = false;
		return;
	}
	PF_VEC_PUSH(cx->hub_sets, (struct pf_hub_set){0});
	pf_ptrmap_put(&cx->hub_index, labels, (void *)(uintptr_t)cx->hub_sets.n);
	hs = &cx->hub_sets.v[cx->hub_sets.n - 1];
	for (uint32_t i = 0; i < labels->n; i++) {
		struct pf_edge e = {
		    .from = cx->origins.v[pf_coarse_origin(cx, labels->v[i].origin)], .to = to};
		if (e.from.kind == PF_PORT_SOURCE || e.from.kind == PF_PORT_ENDPOINT) {
			hs->direct = true;
			continue;
		}
		if (pf_edge_inside_object(&e)) {
			hs->excl = true;
			hs->excluded = to;
		}
		if (hs->ports == 0 || (hs->ports == 1 && !pf_port_same_place(&hs->port, &e.from))) {
			if (hs->ports == 0)
				hs->port = e.from;
			hs->ports++;
		}
	}
}

void pf_emit_by(struct pf_actx *cx, const struct pf_tset *labels, struct pf_port to, bool consented,
                const struct pf_consent_check *by)
{
	if (labels && cx->hubbed && pf_emit_hubbed(cx, labels, pf_cut_port(cx, to), consented, by))
		return;
	struct pf_port cut_to = to; /* to as coarsening cuts it, once needed */
	bool to_cut = false;
	bool picked = labels && labels->n > 1 && pf_coarse(cx);
	if (picked)
		pf_pick_coarse(cx, labels);
	for (uint32_t i = 0; labels && i < labels->n; i++) {
		const struct pf_pick *k =
		    picked ? &cx->picks[cx->coarse_id.v[labels->v[i].origin]] : NULL;
		if (k && k->label != i)
			continue;
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
			uint32_t co =
			    pf_coarse_origin(cx, labels->v[i].origin); /* may grow origins */
			e.from = cx->origins.v[co];
			e.to = cut_to;
			if (pf_edge_inside_object(&e))
				continue;
		}
		unsigned len = k ? k->len : pf_trace_length(cx, labels->v[i].trace);
		pf_out_add(cx, e, labels->v[i].trace, len);
	}
	/* the hub may have come during the loop */
	if (labels && cx->hubbed && (to.kind != PF_PORT_SINK || cx->hubbed == 2))
		pf_hub_note(cx, labels, pf_cut_port(cx, to));
}

void pf_emit_pts(struct pf_actx *cx, const struct pf_lset *targets, struct pf_port to)
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
		pf_out_add(cx, e, 0, 0);
	}
}

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

/* The hub of a points-to set emitted past the summary's bound: one per
 * set, so that the ports pointing to one set do not point to another's
 * targets (a hub shared by every set mixed git's unrelated globals into
 * every coarse summary); past PF_PTS_HUBS sets, the last is shared. The
 * data hub is index 0. */
static int pf_spread_hub(struct pf_actx *cx, const struct pf_lset *targets)
{
	for (int k = 0; k < cx->nspread; k++)
		if (pf_lset_equal(cx->spread_sets[k], targets))
			return k + 1;
	if (cx->nspread == PF_PTS_HUBS)
		return PF_PTS_HUBS;
	cx->spread_sets[cx->nspread++] = targets;
	return cx->nspread;
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
	if (spread)
		hub.index = pf_spread_hub(cx, targets);
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
		pf_out_add(cx, e, 0, 0);
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
	const struct pf_loc *l = &cx->locs.v[t];
	/* a result: an allocation or what a callee made, which the caller
	 * names again per call site (realloc's wrapper returns its argument's
	 * object or a new one); an object of a call that named none is the
	 * caller's own object already, and renaming it would go round a
	 * recursion without end */
	bool result = to.kind == PF_PORT_RETURN && !to.path[0] && l->root != PF_ROOT_CALLRET;
	if (to.kind != PF_PORT_PARAM && to.kind != PF_PORT_NEW && !result)
		return false;
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
		pf_out_add(cx, e, 0, 0);
	if (first)
		pf_emit_object(cx, t, obj, 0);
	return true;
}

/* Emits what a caller can see through an output port: the labels of loc,
 * what it points to (as pointers when the caller can name the target, as
 * contents otherwise) and what was written inside it. */
static void pf_emit_object(struct pf_actx *cx, uint32_t loc, struct pf_port to, int depth)
{
	struct pf_entry *e = pf_cur_get(cx, loc);
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
			} else if (depth < PF_EMIT_DEPTH) {
				struct pf_port inner = to;
				char buf[1024];
				snprintf(buf, sizeof(buf), "%s*", to.path);
				inner.path = pf_istr(cx, buf);
				pf_emit_object(cx, t, inner, depth + 1);
			} else if (pf_cur_get(cx, t)) {
				cx->emit_cuts++;
			}
		}
	}
	if (depth >= PF_EMIT_DEPTH) {
		/* what is written into its fields stays out of the summary */
		for (int c = cx->locs.v[loc].first_child; c >= 0; c = cx->locs.v[c].next_sibling)
			if (pf_cur_get(cx, (uint32_t)c)) {
				cx->emit_cuts++;
				break;
			}
		return;
	}
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

/* The summary of a function too costly to analyze: what any parameter
 * reaches may reach the return value and what any writable pointer
 * parameter points to. Sinks found before the budget ran out are kept. */
void pf_assume_everything(struct pf_actx *cx)
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
void pf_finish(struct pf_actx *cx)
{
	struct pf_port ret = {.kind = PF_PORT_RETURN, .path = cx->p->empty};
	pf_emit(cx, cx->ret_labels, ret, false);
	for (uint32_t i = 0; i < cx->ret_pts->n; i++) {
		uint32_t t = cx->ret_pts->v[i];
		if (pf_nameable(cx, t)) {
			pf_emit_pts(cx, pf_lset_one(&cx->a, t), ret);
		} else if (!pf_emit_new(cx, t, ret)) {
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
