/*
 * The analysis of one function: a forward dataflow over its control flow
 * graph (joins at merges, a fixpoint at loops) from the state at its entry,
 * visiting blocks in reverse postorder until their states settle or a
 * budget runs out, then emitting the function's summary from the state at
 * its exit. What a statement does to the state is eval.c's; what a call
 * does, call.c's; the summary, emit.c's. Consent is part of the state: the
 * true edge of a branch on a PII_CONSENT(P) call (or a local holding its
 * result) adds P, and joins keep only what every path agrees on, so `||`
 * gives no consent.
 */
#include "engine/analyze_int.h"

#include <sys/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Whether an expression reads a constant global. */
static bool pf_reads_constant(const struct pf_program *p, const struct pf_ir_expr *e)
{
	if (!e)
		return false;
	if (e->kind == PF_E_VAR && e->u.var && e->u.var->kind == PF_V_GLOBAL &&
	    e->u.var->index >= 0 && p->globals.v[e->u.var->index].constant)
		return true;
	for (unsigned i = 0; i < e->nkids; i++)
		if (pf_reads_constant(p, e->kids[i]))
			return true;
	return false;
}

/* The constant globals an expression reads, and those their initializers
 * read in turn (a table of pointers to trackers). */
static void pf_collect_constants(struct pf_program *p, struct pf_fn *fn, const struct pf_ir_expr *e,
                                 int depth)
{
	if (!e)
		return;
	if (depth > PF_CONSTANT_DEPTH) {
		/* a constant global read down there is read as any other */
		fn->constants_cut = fn->constants_cut || pf_reads_constant(p, e);
		return;
	}
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
	pf_present_reset(cx);
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

/* Whether PIIFLOW_DEBUG_FUNCTION names fn (a list separated by commas). */
static bool pf_debug_fn_named(const struct pf_program *p, const char *name)
{
	size_t n = strlen(name);
	for (const char *s = p->debug_fn; s && *s;) {
		const char *end = strchr(s, ',');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		if (len == n && strncmp(s, name, n) == 0)
			return true;
		s = end ? end + 1 : NULL;
	}
	return false;
}

bool pf_analyze_function(struct pf_program *p, struct pf_fn *fn)
{
	clock_t t_start = clock();
	if (p->debug)
		fprintf(stderr, "engine: start %s (%u blocks) in %s\n", fn->name, fn->body->nblocks,
		        fn->body->decl->pos.file ? fn->body->decl->pos.file : "?");
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
	uint64_t ops_start = pf_lattice_ops, cuts_start = pf_lattice_cuts;
	uint64_t ops_budget = p->exhausted ? PF_OPS_BUDGET_AFTER : PF_OPS_BUDGET;
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
		pf_unions_forget(&cx);
		cx.gen++; /* memoized reads belong to the last visit */
		pf_state_copy(&cx, &cx.a, &cx.st, &in[b]);
		pf_present_reset(&cx);
		cx.work += in[b].n + 1;
		struct pf_ir_block *bl = &body->blocks[b];
		for (unsigned s = 0; s < bl->nstmts && !over_work && cx.st.reached; s++) {
			pf_stmt(&cx, &bl->stmts[s]);
			over_work = pf_lattice_ops - ops_start > ops_budget;
			/* a call that ends the program: the path goes no further */
			if (bl->stmts[s].kind == PF_S_EVAL && pf_expr_ends(&cx, bl->stmts[s].expr))
				cx.st.reached = false;
		}
		if (over_work)
			break;
		if (!cx.st.reached)
			continue;
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
	pf_present_reset(&cx);
	cx.gen++;
	cx.finishing = true;
	pf_finish(&cx);
	cx.finishing = false;
	if (pf_lattice_cuts != cuts_start && !fn->set_cut_warned && !p->exhausted) {
		fn->set_cut_warned = true;
		pf_program_budget(p, body->decl->pos,
		                  "the flow analysis of '%s' had more than %d labels or locations "
		                  "in one set and cut it; flows through it may be missed",
		                  fn->name, PF_SET_MAX);
	}
	fn->cuts =
	    (uint8_t)((cx.deep_cuts ? PF_CUT_DEEP : 0) | (cx.emit_cuts ? PF_CUT_EMIT : 0) |
	              (cx.callback_cut ? PF_CUT_CALLBACK : 0) | (cx.dcall_cut ? PF_CUT_DCALL : 0));
	fn->callback_cut = cx.callback_cut;
	fn->dcall_cut = cx.dcall_cut;
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
	if (getenv("PIIFLOW_DEBUG_RAW") && pf_debug_fn_named(p, fn->name)) {
		struct pf_summary keep = fn->summary;
		fn->summary = cx.out;
		pf_summary_dump(p, fn, stderr);
		fn->summary = keep;
	}
	pf_summary_coarsen(p, &cx.out, fn->runs >= PF_WIDEN_RUNS || p->exhausted || cx.coarsened);
	int hub = pf_summary_hub(p, &cx.out);
	if (!hub)
		pf_summary_hub_first(p, &cx.out);
	if (cx.hubbed > hub) /* it went through the hub on its way (emit.c) */
		hub = cx.hubbed;
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
	if (p->debug) {
		size_t data_edges = 0;
		for (size_t i = 0; i < cx.out.n; i++)
			data_edges += !cx.out.edges[i].pts;
		fprintf(stderr,
		        "%.3fs engine: %s run %u%s: %zu edges (%zu of data, %zu before bounds), "
		        "%zu deferred calls, %zu origins, %zu "
		        "locs, "
		        "%zu trace nodes, %u blocks, %zu MB held, %zu MB kept, %zu MB peak, %llu "
		        "deep cuts, %llu emit cuts%s%s\n",
		        (double)(clock() - t_start) / CLOCKS_PER_SEC, fn->name, fn->runs + 1,
		        changed ? "" : " (the same)", cx.out.n, data_edges, raw_edges,
		        cx.out.dcalls.n, cx.origins.n, cx.locs.n, cx.tnodes.n, nb,
		        p->arena.used >> 20, cx.pa.used >> 20, pf_peak_rss_mb(),
		        (unsigned long long)cx.deep_cuts, (unsigned long long)cx.emit_cuts,
		        cx.callback_cut ? ", callback cut" : "", raw_kinds);
	}
	if (p->debug > 1 || pf_debug_fn_named(p, fn->name))
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
	free(cx.present);
	PF_VEC_FREE(cx.hub_sets);
	pf_ptrmap_free(&cx.hub_index);
	free(cx.emitted_slots);
	PF_VEC_FREE(cx.emitted);
	free(cx.origin_slots);
	free(cx.memo);
	PF_VEC_FREE(cx.locs);
	PF_VEC_FREE(cx.origins);
	PF_VEC_FREE(cx.coarse_id);
	free(cx.picks);
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
