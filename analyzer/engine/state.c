/*
 * Abstract locations and the flow-sensitive state. A location is a root (a
 * variable, a global, an allocation, a call's result, a function) and a path
 * of at most PF_LOC_MAX_DEPTH steps; arrays are one location for all their
 * elements. Reading a location unions the labels of the location and of
 * every enclosing object, the sources declared on its steps, and, for a
 * parameter's or a global's objects that this function has not overwritten,
 * the symbolic origin that a caller fills in.
 */
#include "engine/analyze_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t pf_loc_hash(int root, int index, const void *var, int parent, const char *step)
{
	uint64_t h =
	    pf_mix((uint64_t)(uint32_t)root << 32 | (uint32_t)index, (uint64_t)(uintptr_t)var);
	h = pf_mix(h, (uint64_t)(uint32_t)parent);
	return pf_mix(h, (uint64_t)(uintptr_t)step);
}

void pf_slots_reserve(struct pf_actx *cx, uint32_t **slots, size_t *cap, size_t n, size_t first,
                      size_t min_cap, uint64_t (*hash)(struct pf_actx *cx, size_t i))
{
	if ((n + 1) * 2 <= *cap)
		return;
	size_t ncap = *cap ? *cap * 2 : min_cap;
	uint32_t *ns = pf_xcalloc(ncap, sizeof(*ns));
	for (size_t i = first; i < n; i++) {
		size_t h = (size_t)hash(cx, i) & (ncap - 1);
		while (ns[h])
			h = (h + 1) & (ncap - 1);
		ns[h] = (uint32_t)i + 1;
	}
	free(*slots);
	*slots = ns;
	*cap = ncap;
}

static uint64_t pf_loc_hash_at(struct pf_actx *cx, size_t i)
{
	const struct pf_loc *l = &cx->locs.v[i];
	return pf_loc_hash(l->root, l->index, l->var, l->parent, l->step);
}

static uint32_t pf_loc_find_or_add(struct pf_actx *cx, struct pf_loc *proto)
{
	pf_slots_reserve(cx, &cx->loc_slots, &cx->loc_cap, cx->locs.n, 0, 256, pf_loc_hash_at);
	size_t h =
	    (size_t)pf_loc_hash(proto->root, proto->index, proto->var, proto->parent, proto->step) &
	    (cx->loc_cap - 1);
	while (cx->loc_slots[h]) {
		struct pf_loc *l = &cx->locs.v[cx->loc_slots[h] - 1];
		if (l->root == proto->root && l->index == proto->index && l->var == proto->var &&
		    l->parent == proto->parent && l->step == proto->step) {
			if (l->source < 0 && proto->source >= 0) {
				l->source = proto->source;
				cx->source_locs = true;
			}
			return cx->loc_slots[h] - 1;
		}
		h = (h + 1) & (cx->loc_cap - 1);
	}
	uint32_t id = (uint32_t)cx->locs.n;
	if (proto->source >= 0)
		cx->source_locs = true;
	if (proto->root == PF_ROOT_GLOBAL && proto->index >= 0 && cx->p->tainted &&
	    cx->p->tainted[proto->index])
		cx->tainted_locs = true;
	proto->first_child = -1;
	proto->next_sibling = -1;
	PF_VEC_PUSH(cx->locs, *proto);
	cx->loc_slots[h] = id + 1;
	if (proto->parent >= 0) {
		struct pf_loc *parent = &cx->locs.v[proto->parent];
		cx->locs.v[id].next_sibling = parent->first_child;
		parent->first_child = (int)id;
	}
	return id;
}

uint32_t pf_loc_root(struct pf_actx *cx, enum pf_root root, int index, struct pf_ir_var *var)
{
	struct pf_loc l = {
	    .root = (uint8_t)root,
	    .index = index,
	    .var = var,
	    .parent = -1,
	    .step = NULL,
	    .path = cx->p->empty,
	    .source = -1,
	};
	if (root == PF_ROOT_LOCAL) {
		l.type = var->type;
		l.sym = var->kind == PF_V_PARAM;
		l.source = pf_program_source(cx->p, cx->tu, var->source);
	} else if (root == PF_ROOT_GLOBAL) {
		/* a constant global holds what its initializer wrote at entry;
		 * one never written nor initialized, zeros */
		l.sym = index < 0 ||
		        !(cx->p->globals.v[index].constant || cx->p->globals.v[index].zero);
		l.source = index >= 0 ? cx->p->globals.v[index].source : -1;
	}
	return pf_loc_find_or_add(cx, &l);
}

uint32_t pf_loc_var(struct pf_actx *cx, struct pf_ir_var *v)
{
	if (v->kind == PF_V_GLOBAL)
		return pf_loc_root(cx, PF_ROOT_GLOBAL, v->index, NULL);
	return pf_loc_root(cx, PF_ROOT_LOCAL, 0, v);
}

bool pf_step_is_field(const char *step, const char *name)
{
	size_t n = name ? strlen(name) : 0;
	return name && step && step[0] == '.' && strncmp(step + 1, name, n) == 0 &&
	       (step[1 + n] == '\0' || step[1 + n] == '#');
}

/* The type of what step leads to from a location of type t, or NULL. */
static const struct pf_ir_type *pf_step_type(const struct pf_ir_type *t, const char *step)
{
	if (!t)
		return NULL;
	if (step[0] == '*' || step[0] == '[')
		return t->kind == PF_T_POINTER || t->kind == PF_T_ARRAY ? t->target : NULL;
	if (t->kind != PF_T_RECORD)
		return NULL;
	for (size_t k = 0; k < t->nfields; k++)
		if (pf_step_is_field(step, t->fields[k].name))
			return t->fields[k].type;
	return NULL;
}

uint32_t pf_loc_child(struct pf_actx *cx, uint32_t parent, const char *step, int source)
{
	/* a container ("<name", made by container_of) is no deeper than its
	 * member: it only names it again */
	bool up = step[0] == '<';
	if (up) {
		/* the location parent is that member of */
		int holder = cx->locs.v[parent].parent;
		if (holder >= 0 && pf_step_is_field(cx->locs.v[parent].step, step + 1))
			return (uint32_t)holder;
		/* an object of this function's own that is not that member is
		 * taken for the container itself (a pointer to a record's
		 * first member is one to the record, cast); only what a
		 * parameter or a global holds at entry names a container the
		 * caller resolves */
		if (!cx->locs.v[parent].sym)
			return parent;
	}
	if (source < 0 && step[0] == '.') {
		const char *hash = strrchr(step, '#');
		if (hash && hash[1] >= '0' && hash[1] <= '9')
			source = atoi(hash + 1);
	}
	struct pf_loc *pl = &cx->locs.v[parent];
	if ((pl->depth >= PF_LOC_MAX_DEPTH && !up) || (up && pl->step && pl->step[0] == '<'))
		return parent; /* k-limited: deeper paths fold into this one */
	struct pf_loc l = *pl;
	l.parent = (int)parent;
	l.depth = pl->depth + !up;
	l.step = step;
	l.source = source;
	l.type = pf_step_type(pl->type, step);
	char buf[1024];
	snprintf(buf, sizeof(buf), "%s%s", pl->path, step);
	l.path = pf_intern(&cx->p->strings, buf);
	return pf_loc_find_or_add(cx, &l);
}

bool pf_loc_under(struct pf_actx *cx, uint32_t loc, uint32_t ancestor)
{
	for (int l = (int)loc; l >= 0; l = cx->locs.v[l].parent)
		if ((uint32_t)l == ancestor)
			return true;
	return false;
}

const char *pf_path_suffix(struct pf_actx *cx, uint32_t loc, uint32_t ancestor)
{
	const char *full = cx->locs.v[loc].path;
	size_t skip = strlen(cx->locs.v[ancestor].path);
	return pf_intern(&cx->p->strings, full + skip);
}

bool pf_loc_port(struct pf_actx *cx, uint32_t loc, bool deep, struct pf_port *out)
{
	struct pf_loc *l = &cx->locs.v[loc];
	if (!l->sym)
		return false;
	memset(out, 0, sizeof(*out));
	out->deep = deep;
	out->path = l->path;
	if (l->root == PF_ROOT_GLOBAL) {
		if (l->index < 0)
			return false;
		out->kind = PF_PORT_GLOBAL;
		out->index = l->index;
		return true;
	}
	out->kind = PF_PORT_PARAM;
	out->index = l->var->index;
	return true;
}

/* ---- origins and traces ---- */

static uint64_t pf_origin_hash_at(struct pf_actx *cx, size_t i)
{
	return pf_port_hash(&cx->origins.v[i]);
}

uint32_t pf_origin(struct pf_actx *cx, const struct pf_port *port)
{
	pf_slots_reserve(cx, &cx->origin_slots, &cx->origin_cap, cx->origins.n, 0, 64,
	                 pf_origin_hash_at);
	size_t h = (size_t)pf_port_hash(port) & (cx->origin_cap - 1);
	while (cx->origin_slots[h]) {
		if (pf_port_equal(&cx->origins.v[cx->origin_slots[h] - 1], port))
			return cx->origin_slots[h] - 1;
		h = (h + 1) & (cx->origin_cap - 1);
	}
	PF_VEC_PUSH(cx->origins, *port);
	cx->origin_slots[h] = (uint32_t)cx->origins.n;
	return (uint32_t)cx->origins.n - 1;
}

static struct pf_memo_read *pf_memo(struct pf_actx *cx, uint32_t loc)
{
	if (loc >= cx->nmemo) {
		size_t n = cx->locs.n > loc ? cx->locs.n * 2 : (size_t)loc * 2 + 16;
		cx->memo = pf_xrealloc(cx->memo, n * sizeof(*cx->memo));
		memset(cx->memo + cx->nmemo, 0, (n - cx->nmemo) * sizeof(*cx->memo));
		cx->nmemo = n;
	}
	return &cx->memo[loc];
}

static uint64_t pf_tnode_hash(uint32_t parent, struct pf_ir_pos pos, const char *msg,
                              const struct pf_step *steps)
{
	uint64_t h = pf_mix(parent, (uint64_t)(uintptr_t)pos.file);
	h = pf_mix(h, (uint64_t)pos.line << 32 | pos.column);
	h = pf_mix(h, (uint64_t)(uintptr_t)msg);
	return pf_mix(h, (uint64_t)(uintptr_t)steps);
}

static uint64_t pf_tnode_hash_at(struct pf_actx *cx, size_t i)
{
	const struct pf_tnode *t = &cx->tnodes.v[i];
	return pf_tnode_hash(t->parent, t->pos, t->message, t->steps);
}

/* Trace nodes are shared: the same step from the same trace is one node,
 * however often a loop or a fixpoint makes it again. */
static uint32_t pf_tnode_get(struct pf_actx *cx, const struct pf_tnode *n)
{
	/* node 0 is "no trace": never looked up */
	pf_slots_reserve(cx, &cx->tnode_slots, &cx->tnode_cap, cx->tnodes.n, 1, 1024,
	                 pf_tnode_hash_at);
	size_t h =
	    (size_t)pf_tnode_hash(n->parent, n->pos, n->message, n->steps) & (cx->tnode_cap - 1);
	while (cx->tnode_slots[h]) {
		struct pf_tnode *t = &cx->tnodes.v[cx->tnode_slots[h] - 1];
		if (t->parent == n->parent && t->message == n->message && t->steps == n->steps &&
		    t->pos.file == n->pos.file && t->pos.line == n->pos.line &&
		    t->pos.column == n->pos.column)
			return cx->tnode_slots[h] - 1;
		h = (h + 1) & (cx->tnode_cap - 1);
	}
	PF_VEC_PUSH(cx->tnodes, *n);
	cx->tnode_slots[h] = (uint32_t)cx->tnodes.n;
	return (uint32_t)cx->tnodes.n - 1;
}

uint32_t pf_tnode(struct pf_actx *cx, uint32_t parent, struct pf_ir_pos pos, const char *msg)
{
	struct pf_tnode n = {parent, pos, msg, NULL, 0};
	return pf_tnode_get(cx, &n);
}

uint32_t pf_tnode_splice(struct pf_actx *cx, uint32_t parent, const struct pf_step *steps,
                         unsigned nsteps)
{
	if (!nsteps)
		return parent;
	struct pf_tnode n = {parent, {0}, NULL, steps, nsteps};
	return pf_tnode_get(cx, &n);
}

unsigned pf_trace_length(struct pf_actx *cx, uint32_t trace)
{
	unsigned len = 0;
	for (uint32_t t = trace; t && len < PF_TRACE_MAX; t = cx->tnodes.v[t].parent)
		len += cx->tnodes.v[t].steps ? cx->tnodes.v[t].nsteps : 1;
	return len < PF_TRACE_MAX ? len : PF_TRACE_MAX;
}

static bool pf_step_same(const struct pf_step *a, const struct pf_step *b)
{
	return a->pos.line == b->pos.line && a->pos.column == b->pos.column &&
	       (a->pos.file == b->pos.file ||
	        (a->pos.file && b->pos.file && strcmp(a->pos.file, b->pos.file) == 0)) &&
	       (a->message == b->message ||
	        (a->message && b->message && strcmp(a->message, b->message) == 0));
}

unsigned pf_steps_unloop(struct pf_step *s, unsigned n)
{
	unsigned k = 0;
	for (unsigned i = 0; i < n; i++) {
		unsigned j = 0;
		while (j < k && !pf_step_same(&s[j], &s[i]))
			j++;
		if (j < k) { /* back where the data was: drop the loop */
			k = j + 1;
			continue;
		}
		s[k++] = s[i];
	}
	return k;
}

struct pf_step *pf_trace_flatten(struct pf_actx *cx, uint32_t trace, unsigned *n)
{
	/* read further back than is kept, so that the loops taken out make
	 * room for older steps */
	unsigned walk = 0;
	for (uint32_t t = trace; t && walk < PF_TRACE_WALK; t = cx->tnodes.v[t].parent)
		walk += cx->tnodes.v[t].steps ? cx->tnodes.v[t].nsteps : 1;
	if (walk > PF_TRACE_WALK)
		walk = PF_TRACE_WALK;
	struct pf_step *steps = PF_NEW_N(&cx->p->arena, struct pf_step, walk + 1);
	/* newest first in the chain; keep the newest steps when cutting */
	unsigned i = walk;
	for (uint32_t t = trace; t && i > 0; t = cx->tnodes.v[t].parent) {
		const struct pf_tnode *nd = &cx->tnodes.v[t];
		if (!nd->steps) {
			steps[--i] = (struct pf_step){nd->pos, nd->message};
			continue;
		}
		for (unsigned k = nd->nsteps; k > 0 && i > 0; k--)
			steps[--i] = nd->steps[k - 1];
	}
	unsigned keep = pf_steps_unloop(steps, walk);
	if (keep > PF_TRACE_MAX) {
		memmove(steps, steps + (keep - PF_TRACE_MAX), PF_TRACE_MAX * sizeof(*steps));
		keep = PF_TRACE_MAX;
	}
	*n = keep;
	return steps;
}

const struct pf_tset *pf_source_label(struct pf_actx *cx, int source)
{
	if (source < 0)
		return &pf_tset_empty;
	struct pf_port port = {.kind = PF_PORT_SOURCE, .index = source, .path = cx->p->empty};
	return pf_tset_one(&cx->a, pf_origin(cx, &port), 0);
}

/* ---- state ---- */

static long pf_state_find(const struct pf_state *s, uint32_t loc)
{
	return pf_sorted_find(s->v, s->n, sizeof(s->v[0]), loc);
}

struct pf_entry *pf_state_get(struct pf_state *s, uint32_t loc)
{
	long i = pf_state_find(s, loc);
	return i >= 0 ? &s->v[i] : NULL;
}

struct pf_entry *pf_cur_get(struct pf_actx *cx, uint32_t loc)
{
	if (loc < cx->npresent && !cx->present[loc])
		return NULL;
	return pf_state_get(&cx->st, loc);
}

void pf_present_reset(struct pf_actx *cx)
{
	size_t n = cx->locs.n * 2 + 1024; /* locations made later start absent */
	if (n > cx->npresent) {
		free(cx->present);
		cx->present = pf_xcalloc(n, 1);
		cx->npresent = n;
	} else {
		memset(cx->present, 0, cx->npresent);
	}
	for (uint32_t i = 0; i < cx->st.n; i++)
		if (cx->st.v[i].loc < cx->npresent)
			cx->present[cx->st.v[i].loc] = 1;
}

static struct pf_entry *pf_state_insert(struct pf_arena *a, struct pf_state *s, uint32_t loc)
{
	long i = pf_state_find(s, loc);
	if (i >= 0)
		return &s->v[i];
	uint32_t at = (uint32_t)(-i - 1);
	if (s->n == s->cap) {
		uint32_t ncap = s->cap ? s->cap * 2 : 16;
		struct pf_entry *nv = PF_NEW_N(a, struct pf_entry, ncap);
		if (s->n)
			memcpy(nv, s->v, s->n * sizeof(*nv));
		s->v = nv;
		s->cap = ncap;
	}
	memmove(&s->v[at + 1], &s->v[at], (s->n - at) * sizeof(*s->v));
	s->n++;
	s->v[at] = (struct pf_entry){loc, false, &pf_tset_empty, &pf_lset_empty};
	return &s->v[at];
}

/* Sets shared by many locations (a write through a pointer to many
 * objects, a join of states that held the same sets) stay shared: a copy
 * or join keeps each set past the visit once, and a pair of sets is
 * joined once, so that what reads many of those locations (a deep read,
 * the next join) meets one set where it met copies. */

static uint32_t pf_set_n(const void *s)
{
	return s ? ((const struct pf_lset *)s)->n : 0; /* one layout (lattice.c) */
}

static const void *pf_set_empty(bool labels)
{
	return labels ? (const void *)&pf_tset_empty : (const void *)&pf_lset_empty;
}

/* The slot of a table of PF_KEEP_SETS for the set x, or the pair x, y. */
static struct pf_kept *pf_kept_slot(struct pf_kept *table, const void *x, const void *y)
{
	return &table[pf_mix((uintptr_t)x, (uintptr_t)y) & (PF_KEEP_SETS - 1)];
}

/* Starts a copy or join whose sets pf_keep and pf_pair remember. */
static void pf_keep_begin(struct pf_actx *cx)
{
	if (++cx->kept_cur == 0) {
		memset(cx->kept, 0, sizeof(cx->kept));
		memset(cx->joined, 0, sizeof(cx->joined));
		cx->kept_cur = 1;
	}
}

/* s copied into the arena that outlives visits, once per copy or join. */
static const void *pf_keep(struct pf_actx *cx, const void *s, bool labels)
{
	if (pf_set_n(s) == 0)
		return pf_set_empty(labels);
	struct pf_kept *k = pf_kept_slot(cx->kept, s, NULL);
	if (k->stamp == cx->kept_cur && k->from == s)
		return k->to;
	const void *c = labels ? (const void *)pf_tset_clone(&cx->pa, s)
	                       : (const void *)pf_lset_clone(&cx->pa, s);
	*k = (struct pf_kept){s, NULL, c, cx->kept_cur};
	return c;
}

/* x ∪ y in arena a, made once per pair of sets while the table's stamp
 * holds; keep: the union outlives the visit (a join: x is kept already). */
static const void *pf_pair(struct pf_actx *cx, struct pf_kept *table, uint32_t stamp,
                           struct pf_arena *a, const void *x, const void *y, bool labels, bool keep)
{
	uint32_t xn = pf_set_n(x), yn = pf_set_n(y);
	if (yn == 0)
		return xn ? x : pf_set_empty(labels);
	if (xn == 0)
		return keep ? pf_keep(cx, y, labels) : y;
	if (x == y) {
		pf_lattice_ops += xn + yn; /* as set_union counts it */
		return x;
	}
	struct pf_kept *k = pf_kept_slot(table, x, y);
	if (k->stamp == stamp && k->from == x && k->from2 == y) {
		/* counted as made: the budgets, counted in operations, must
		 * not depend on which pairs the table kept (addresses) */
		pf_lattice_ops += xn + yn;
		return k->to;
	}
	const void *r =
	    labels ? (const void *)pf_tset_union(a, x, y) : (const void *)pf_lset_union(a, x, y);
	if (keep && r == y)
		r = pf_keep(cx, y, labels);
	*k = (struct pf_kept){x, y, r, stamp};
	return r;
}

void pf_state_copy(struct pf_actx *cx, struct pf_arena *a, struct pf_state *dst,
                   const struct pf_state *src)
{
	*dst = *src;
	dst->cap = src->n;
	dst->v = src->n ? PF_NEW_N(a, struct pf_entry, src->n) : NULL;
	if (src->n)
		memcpy(dst->v, src->v, src->n * sizeof(*src->v));
	if (a == &cx->pa) { /* outliving the visit: the sets must too */
		pf_keep_begin(cx);
		for (uint32_t i = 0; i < dst->n; i++) {
			dst->v[i].labels = pf_keep(cx, dst->v[i].labels, true);
			dst->v[i].pts = pf_keep(cx, dst->v[i].pts, false);
		}
	}
	dst->cv = src->ncv ? PF_NEW_N(a, struct pf_cvar, src->ncv) : NULL;
	if (src->ncv)
		memcpy(dst->cv, src->cv, src->ncv * sizeof(*src->cv));
	dst->by = src->nby ? PF_NEW_N(a, const struct pf_consent_check *, src->nby) : NULL;
	if (src->nby)
		memcpy(dst->by, src->by, src->nby * sizeof(*src->by));
}

/* dst := dst joined with src; returns true when dst changed. A location
 * missing on one side keeps its entry values there, so it is not killed. */
bool pf_state_join(struct pf_actx *cx, struct pf_state *dst, const struct pf_state *src)
{
	if (!src->reached)
		return false;
	if (!dst->reached) {
		pf_state_copy(cx, &cx->pa, dst, src);
		return true;
	}
	bool changed = false;
	pf_keep_begin(cx);
	/* both sides are sorted by location: one merge, into a new array only
	 * when src has locations dst lacks */
	uint32_t fresh = 0;
	for (uint32_t i = 0, j = 0; j < src->n;) {
		if (i == dst->n || src->v[j].loc < dst->v[i].loc) {
			fresh++;
			j++;
		} else if (dst->v[i].loc < src->v[j].loc) {
			i++;
		} else {
			i++;
			j++;
		}
	}
	struct pf_entry *out = dst->v;
	uint32_t nout = dst->n + fresh;
	if (fresh) {
		uint32_t ncap = dst->cap > nout ? dst->cap : nout + nout / 4;
		out = PF_NEW_N(&cx->pa, struct pf_entry, ncap);
		dst->cap = ncap;
		changed = true;
	}
	/* walk backwards so that an in-place update never overwrites an entry
	 * it still has to read */
	uint32_t di = dst->n, sj = src->n, ok = nout;
	while (ok > 0) {
		struct pf_entry *de = di > 0 ? &dst->v[di - 1] : NULL;
		const struct pf_entry *se = sj > 0 ? &src->v[sj - 1] : NULL;
		struct pf_entry r;
		if (se && (!de || se->loc > de->loc)) {
			r.loc = se->loc;
			r.labels = pf_keep(cx, se->labels, true);
			r.pts = pf_keep(cx, se->pts, false);
			r.killed = false;
			sj--;
		} else if (!se || de->loc > se->loc) {
			r = *de;
			if (r.killed) {
				r.killed = false; /* src keeps its entry values here */
				changed = true;
			}
			di--;
		} else {
			r = *de;
			const struct pf_tset *l = pf_pair(cx, cx->joined, cx->kept_cur, &cx->pa,
			                                  de->labels, se->labels, true, true);
			const struct pf_lset *pt = pf_pair(cx, cx->joined, cx->kept_cur, &cx->pa,
			                                   de->pts, se->pts, false, true);
			if (l != de->labels && !pf_tset_same_origins(l, de->labels))
				changed = true;
			if (pt != de->pts && !pf_lset_equal(pt, de->pts))
				changed = true;
			r.labels = l;
			r.pts = pt;
			if (de->killed && !se->killed) {
				r.killed = false;
				changed = true;
			}
			di--;
			sj--;
		}
		out[--ok] = r;
	}
	dst->v = out;
	dst->n = nout;
	uint64_t c = dst->consent & src->consent;
	if (c != dst->consent) {
		dst->consent = c;
		changed = true;
	}
	pf_state_consent_join(cx, dst, src); /* names only: no change to report */
	/* consent variables: keep those both sides agree on */
	uint32_t k = 0;
	for (uint32_t i = 0; i < dst->ncv; i++) {
		uint64_t m = 0;
		for (uint32_t j = 0; j < src->ncv; j++)
			if (src->cv[j].var == dst->cv[i].var)
				m = src->cv[j].mask & dst->cv[i].mask;
		if (m) {
			dst->cv[k] = dst->cv[i];
			dst->cv[k++].mask = m;
		}
		if (m != dst->cv[i].mask)
			changed = true;
	}
	dst->ncv = k;
	return changed;
}

/* True when no write killed loc or an enclosing object (entry values live). */
static bool pf_sym_alive(struct pf_actx *cx, uint32_t loc)
{
	if (!cx->locs.v[loc].sym)
		return false;
	for (int l = (int)loc; l >= 0; l = cx->locs.v[l].parent) {
		struct pf_entry *e = pf_cur_get(cx, (uint32_t)l);
		if (e && e->killed)
			return false;
		if (cx->locs.v[l].step == cx->p->star)
			break; /* what a pointer points to is not killed with the pointer */
	}
	return true;
}

/* Forgets the unions of the last visit: the scratch arena they are in is
 * about to be reused. */
void pf_unions_forget(struct pf_actx *cx)
{
	if (++cx->unions_cur == 0) {
		memset(cx->unions, 0, sizeof(cx->unions));
		cx->unions_cur = 1;
	}
}

static const struct pf_tset *pf_union_labels(struct pf_actx *cx, const struct pf_tset *x,
                                             const struct pf_tset *y)
{
	return pf_pair(cx, cx->unions, cx->unions_cur, &cx->a, x, y, true, false);
}

const struct pf_tset *pf_read_labels(struct pf_actx *cx, uint32_t loc)
{
	struct pf_memo_read *m = pf_memo(cx, loc);
	if (m->gen_read == cx->gen + 1)
		return m->read;
	const struct pf_tset *r = &pf_tset_empty;
	for (int l = (int)loc; l >= 0; l = cx->locs.v[l].parent) {
		struct pf_entry *e = pf_cur_get(cx, (uint32_t)l);
		if (e)
			r = pf_union_labels(cx, r, e->labels);
		if (cx->locs.v[l].source >= 0)
			r = pf_tset_union(&cx->a, r, pf_source_label(cx, cx->locs.v[l].source));
	}
	if (pf_sym_alive(cx, loc)) {
		struct pf_port port;
		if (pf_loc_port(cx, loc, false, &port) && pf_demanded(cx->p, cx->fn, &port))
			r = pf_tset_union(&cx->a, r, pf_tset_one(&cx->a, pf_origin(cx, &port), 0));
	}
	m = pf_memo(cx, loc);
	m->gen_read = cx->gen + 1;
	m->read = r;
	return r;
}

const struct pf_lset *pf_read_pts(struct pf_actx *cx, uint32_t loc)
{
	struct pf_entry *e = pf_cur_get(cx, loc);
	const struct pf_lset *r = e ? e->pts : &pf_lset_empty;
	/* a pointer written into the object as a whole (a coarsened summary
	 * writes at a path's first step) may be in any of its fields, as its
	 * labels are: read through the fields up to the object, not past a
	 * pointer (a global's fields keep their own pointers: the elements of
	 * a constant table, a tracker's callback) */
	for (uint32_t l = loc; cx->locs.v[l].root != PF_ROOT_GLOBAL && cx->locs.v[l].parent >= 0 &&
	                       cx->locs.v[l].step != cx->p->star;) {
		l = (uint32_t)cx->locs.v[l].parent;
		struct pf_entry *a = pf_cur_get(cx, l);
		if (a && a->pts->n)
			r = pf_lset_union(&cx->a, r, a->pts);
	}
	if (pf_sym_alive(cx, loc))
		r = pf_lset_union(&cx->a, r,
		                  pf_lset_one(&cx->a, pf_loc_child(cx, loc, cx->p->star, -1)));
	return r;
}

/* Deep reads gather labels into an accumulator indexed by origin (one trace
 * kept per origin, the first), so that reading a large object costs the
 * labels it holds rather than one set union per location below it. */
static void pf_acc_begin(struct pf_acc *acc)
{
	acc->n = 0;
	if (++acc->cur == 0) {
		if (acc->cap)
			memset(acc->stamp, 0, acc->cap * sizeof(*acc->stamp));
		memset(acc->sets_stamp, 0, sizeof(acc->sets_stamp));
		acc->cur = 1;
	}
}

static void pf_acc_add(struct pf_actx *cx, struct pf_acc *acc, const struct pf_tset *s)
{
	if (!s || s->n == 0)
		return;
	/* a set met again in this read adds nothing; it counts as read, so
	 * that the budgets, counted in operations, cut where they did */
	pf_lattice_ops += s->n;
	if (s->n >= PF_ACC_SET_MIN) {
		size_t h =
		    (size_t)(((uintptr_t)s >> 3) * 0x9E3779B97F4A7C15ull >> 56) & (PF_ACC_SETS - 1);
		if (acc->sets_stamp[h] == acc->cur && acc->sets[h] == s)
			return;
		acc->sets_stamp[h] = acc->cur;
		acc->sets[h] = s;
	}
	if (acc->cap < cx->origins.n) {
		size_t ncap = cx->origins.n * 2 + 64;
		acc->stamp = pf_xrealloc(acc->stamp, ncap * sizeof(*acc->stamp));
		memset(acc->stamp + acc->cap, 0, (ncap - acc->cap) * sizeof(*acc->stamp));
		acc->trace = pf_xrealloc(acc->trace, ncap * sizeof(*acc->trace));
		acc->list = pf_xrealloc(acc->list, ncap * sizeof(*acc->list));
		acc->cap = ncap;
	}
	for (uint32_t i = 0; i < s->n; i++) {
		uint32_t o = s->v[i].origin;
		if (o >= acc->cap || acc->stamp[o] == acc->cur)
			continue;
		acc->stamp[o] = acc->cur;
		acc->trace[o] = s->v[i].trace;
		acc->list[acc->n++] = o;
	}
}

static int pf_u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static const struct pf_tset *pf_acc_finish(struct pf_actx *cx, struct pf_acc *acc)
{
	if (acc->n == 0)
		return &pf_tset_empty;
	qsort(acc->list, acc->n, sizeof(*acc->list), pf_u32_cmp);
	size_t n = acc->n;
	if (n > PF_SET_MAX) {
		n = PF_SET_MAX;
		pf_lattice_cuts++;
	}
	struct pf_tset *s = pf_arena_alloc(&cx->a, sizeof(*s) + n * sizeof(s->v[0]));
	s->n = (uint32_t)n;
	for (size_t i = 0; i < n; i++) {
		s->v[i].origin = acc->list[i];
		s->v[i].trace = acc->trace[acc->list[i]];
	}
	return s;
}

/* Marks loc visited in the current deep read; false when it was already,
 * or when the read has visited as many locations as it may. */
static bool pf_visit(struct pf_actx *cx, uint32_t loc)
{
	if (loc >= cx->nloc_seen) {
		size_t n = cx->locs.n * 2 + 64;
		cx->loc_seen = pf_xrealloc(cx->loc_seen, n * sizeof(*cx->loc_seen));
		memset(cx->loc_seen + cx->nloc_seen, 0,
		       (n - cx->nloc_seen) * sizeof(*cx->loc_seen));
		cx->nloc_seen = n;
	}
	if (cx->loc_seen[loc] == cx->seen_cur)
		return false;
	if (cx->nseen >= PF_DEEP_LOCS) {
		cx->deep_cuts++;
		return false;
	}
	cx->loc_seen[loc] = cx->seen_cur;
	cx->nseen++;
	return true;
}

static void pf_deep_rec(struct pf_actx *cx, uint32_t loc, int depth);

/* What was written anywhere below loc (its fields and, through pointers
 * stored there, a few levels further), walking loc's subtree of locations. */
static void pf_deep_below(struct pf_actx *cx, uint32_t loc, int depth, int budget)
{
	struct pf_acc *acc = &cx->acc[0];
	int c = cx->locs.v[loc].first_child;
	for (; c >= 0 && budget > 0; c = cx->locs.v[c].next_sibling, budget--) {
		struct pf_entry *e = pf_cur_get(cx, (uint32_t)c);
		if (e) {
			pf_acc_add(cx, acc, e->labels);
			if (depth < PF_DEEP_POINTERS)
				for (uint32_t j = 0; j < e->pts->n; j++)
					pf_deep_rec(cx, e->pts->v[j], depth + 1);
			else if (e->pts->n)
				cx->deep_cuts++;
		}
		if (cx->locs.v[c].source >= 0)
			pf_acc_add(cx, acc, pf_source_label(cx, cx->locs.v[c].source));
		pf_deep_below(cx, (uint32_t)c, depth, budget / 2);
	}
	if (c >= 0)
		cx->deep_cuts++;
}

static void pf_deep_rec(struct pf_actx *cx, uint32_t loc, int depth)
{
	if (!pf_visit(cx, loc))
		return;
	struct pf_acc *acc = &cx->acc[0];
	pf_acc_add(cx, acc, pf_read_labels(cx, loc));
	if (pf_sym_alive(cx, loc)) {
		struct pf_port port;
		if (pf_loc_port(cx, loc, true, &port) && pf_demanded(cx->p, cx->fn, &port))
			pf_acc_add(cx, acc, pf_tset_one(&cx->a, pf_origin(cx, &port), 0));
	}
	pf_deep_below(cx, loc, depth, PF_DEEP_CHILDREN);
	/* a member of an object: container_of() may turn it back into the
	 * object (pf_val_deep_up) */
	const struct pf_loc *l = &cx->locs.v[loc];
	if (cx->deep_up && l->parent >= 0 && l->step[0] == '.')
		pf_deep_rec(cx, (uint32_t)l->parent, depth);
	struct pf_entry *e = pf_cur_get(cx, loc);
	if (e && depth < PF_DEEP_POINTERS)
		for (uint32_t j = 0; j < e->pts->n; j++)
			pf_deep_rec(cx, e->pts->v[j], depth + 1);
	else if (e && e->pts->n)
		cx->deep_cuts++;
}

const struct pf_tset *pf_deep_labels(struct pf_actx *cx, uint32_t loc)
{
	if (!cx->wrote_labels && !cx->source_locs && !cx->tainted_locs && !cx->p->full &&
	    cx->fn->demand == 0)
		return &pf_tset_empty;
	struct pf_memo_read *m = pf_memo(cx, loc);
	if (!cx->deep_up && m->gen_deep == cx->gen + 1)
		return m->deep;
	if (cx->deep_up && m->gen_up == cx->gen + 1)
		return m->up;
	pf_acc_begin(&cx->acc[0]);
	if (++cx->seen_cur == 0) {
		memset(cx->loc_seen, 0, cx->nloc_seen * sizeof(*cx->loc_seen));
		cx->seen_cur = 1;
	}
	cx->nseen = 0;
	pf_deep_rec(cx, loc, 0);
	cx->work += (uint64_t)cx->nseen + cx->acc[0].n;
	const struct pf_tset *r = pf_acc_finish(cx, &cx->acc[0]);
	m = pf_memo(cx, loc);
	if (cx->deep_up) {
		m->gen_up = cx->gen + 1;
		m->up = r;
	} else {
		m->gen_deep = cx->gen + 1;
		m->deep = r;
	}
	return r;
}

const struct pf_tset *pf_val_deep_up(struct pf_actx *cx, const struct pf_val *v)
{
	bool was = cx->deep_up;
	cx->deep_up = true;
	const struct pf_tset *r = pf_val_deep(cx, v);
	cx->deep_up = was;
	return r;
}

const struct pf_tset *pf_val_deep(struct pf_actx *cx, const struct pf_val *v)
{
	/* the locations' deep reads first: they use the other accumulator */
	uint32_t np = v->pts ? v->pts->n : 0, no = v->objs ? v->objs->n : 0;
	const struct pf_tset **parts = PF_NEW_N(&cx->a, const struct pf_tset *, np + no + 1);
	for (uint32_t i = 0; i < np; i++)
		parts[i] = pf_deep_labels(cx, v->pts->v[i]);
	for (uint32_t i = 0; i < no; i++)
		parts[np + i] = pf_deep_labels(cx, v->objs->v[i]);
	struct pf_acc *acc = &cx->acc[1];
	pf_acc_begin(acc);
	pf_acc_add(cx, acc, v->labels);
	for (uint32_t i = 0; i < np + no; i++)
		pf_acc_add(cx, acc, parts[i]);
	return pf_acc_finish(cx, acc);
}

/* Removes what was written into the fields of loc (not what its pointers
 * point to): loc is about to be overwritten as a whole. */
void pf_kill_fields(struct pf_actx *cx, uint32_t loc)
{
	cx->gen++;
	uint32_t k = 0;
	for (uint32_t i = 0; i < cx->st.n; i++) {
		uint32_t l = cx->st.v[i].loc;
		bool drop = false;
		if (l != loc && pf_loc_under(cx, l, loc)) {
			drop = true;
			for (int a = (int)l; a >= 0 && (uint32_t)a != loc; a = cx->locs.v[a].parent)
				if (cx->locs.v[a].step == cx->p->star)
					drop = false;
		}
		if (!drop)
			cx->st.v[k++] = cx->st.v[i];
	}
	cx->st.n = k;
}

void pf_write(struct pf_actx *cx, const struct pf_lset *locs, const struct pf_val *v, bool strong)
{
	if (!locs || locs->n == 0)
		return;
	cx->gen++;
	if (v->labels && v->labels->n)
		cx->wrote_labels = true;
	strong = strong && locs->n == 1;
	for (uint32_t i = 0; i < locs->n; i++) {
		uint32_t loc = locs->v[i];
		struct pf_loc *l = &cx->locs.v[loc];
		if (l->root == PF_ROOT_FUNC || (l->root == PF_ROOT_GLOBAL && l->index >= 0 &&
		                                cx->p->globals.v[l->index].one_char))
			continue;
		/* a global that holds its initializer for good is written only
		 * by that initializer, at entry (a static local's initialization
		 * in its function's body writes nothing more) */
		if (l->root == PF_ROOT_GLOBAL && l->index >= 0 && !cx->init_elements &&
		    cx->p->globals.v[l->index].constant && !strchr(l->path, '*'))
			continue;
		/* data stored in a global: its readers follow it from now on (a
		 * pointer stored in one taints it only once data is written
		 * through it, or once the summary says its pointee holds data) */
		if (l->root == PF_ROOT_GLOBAL && l->index >= 0 && v->labels && v->labels->n) {
			if (cx->p->debug && !cx->p->full && !cx->p->tainted[l->index])
				fprintf(
				    stderr,
				    "engine: global '%s' holds data: %s writes %s (%u targets)\n",
				    cx->p->globals.v[l->index].name, cx->fn->name, l->path,
				    locs->n);
			pf_taint_global(cx->p, l->index);
		}
		bool s = strong && l->root == PF_ROOT_LOCAL;
		if (s)
			pf_kill_fields(cx, loc);
		struct pf_entry *e = pf_state_insert(&cx->a, &cx->st, loc);
		if (loc < cx->npresent)
			cx->present[loc] = 1;
		if (s) {
			e->labels = v->labels ? v->labels : &pf_tset_empty;
			e->pts = v->pts ? v->pts : &pf_lset_empty;
			e->killed = true;
		} else {
			e->labels = pf_union_labels(cx, e->labels, v->labels);
			e->pts = pf_pair(cx, cx->unions, cx->unions_cur, &cx->a, e->pts, v->pts,
			                 false, false);
		}
	}
}
