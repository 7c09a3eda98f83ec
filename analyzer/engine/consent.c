/*
 * Which consent check accepted a flow. The engine decides consent with a
 * bit mask of purposes: on the state of a path (analyze.c), on the edges of
 * a summary and on the way into a function (solve.c). Beside each bit this
 * keeps the call of the PII_CONSENT function whose result a branch tested,
 * so that an accepted finding names the function and the line of its
 * check. Where several checks guard a path, the first one on it is named;
 * where paths with checks of their own join, the check of the path that
 * reached the join first. The names never decide whether a flow is
 * accepted: the bits alone do, so a check that cannot be named (NULL)
 * changes no verdict. What a branch condition or an assigned value tests
 * for consent (a consent call, or a local holding its result) is read here
 * too (pf_consent_of, pf_consent_check_of).
 */
#include <string.h>

#include "engine/analyze_int.h"

const struct pf_consent_check *pf_consent_check_at(struct pf_program *p, struct pf_fn *g,
                                                   struct pf_ir_pos pos)
{
	if (!g || !g->consent_purpose)
		return NULL;
	uint64_t bit = pf_purpose_bit(p, g->consent_purpose);
	if (!bit)
		return NULL;
	/* a program has few consent checks: a list is enough */
	for (size_t i = 0; i < p->checks.n; i++) {
		struct pf_consent_check *c = p->checks.v[i];
		if (c->bit == bit && c->pos.line == pos.line && c->pos.column == pos.column &&
		    strcmp(c->function, g->name) == 0 &&
		    strcmp(c->pos.file ? c->pos.file : "", pos.file ? pos.file : "") == 0)
			return c;
	}
	struct pf_consent_check *c = PF_NEW(&p->arena, struct pf_consent_check);
	*c = (struct pf_consent_check){g->name, bit, pos};
	PF_VEC_PUSH(p->checks, c);
	return c;
}

const struct pf_consent_check *pf_consent_find(const struct pf_consent_check *const *v, uint32_t n,
                                               uint64_t bit)
{
	for (uint32_t i = 0; i < n; i++)
		if (v[i] && (v[i]->bit & bit))
			return v[i];
	return NULL;
}

const struct pf_consent_check *pf_state_consent_by(const struct pf_state *st, uint64_t bit)
{
	if (!(st->consent & bit))
		return NULL;
	return pf_consent_find(st->by, st->nby, bit);
}

void pf_state_consent_add(struct pf_actx *cx, struct pf_state *st, const struct pf_consent_check *c)
{
	if (!c || pf_consent_find(st->by, st->nby, c->bit))
		return;
	/* st may share its array with the state it was copied from */
	const struct pf_consent_check **v =
	    PF_NEW_N(&cx->a, const struct pf_consent_check *, st->nby + 1);
	if (st->nby)
		memcpy(v, st->by, st->nby * sizeof(*v));
	v[st->nby] = c;
	st->by = v;
	st->nby++;
}

void pf_state_consent_join(struct pf_actx *cx, struct pf_state *dst, const struct pf_state *src)
{
	bool stale = false, missing = false;
	for (uint32_t i = 0; i < dst->nby; i++)
		stale |= !(dst->by[i]->bit & dst->consent);
	for (uint32_t i = 0; i < src->nby && !missing; i++)
		missing = (src->by[i]->bit & dst->consent) &&
		          !pf_consent_find(dst->by, dst->nby, src->by[i]->bit);
	if (!stale && !missing)
		return;
	const struct pf_consent_check **v =
	    PF_NEW_N(&cx->pa, const struct pf_consent_check *, dst->nby + src->nby + 1);
	uint32_t n = 0;
	for (uint32_t i = 0; i < dst->nby; i++)
		if (dst->by[i]->bit & dst->consent)
			v[n++] = dst->by[i];
	for (uint32_t i = 0; i < src->nby; i++)
		if ((src->by[i]->bit & dst->consent) && !pf_consent_find(v, n, src->by[i]->bit))
			v[n++] = src->by[i];
	dst->by = v;
	dst->nby = n;
}

void pf_callrec_consent(struct pf_actx *cx, struct pf_callrec *rec)
{
	rec->by = NULL;
	rec->nby = 0;
	if (!rec->consent || !cx->st.nby)
		return;
	rec->by = PF_NEW_N(&cx->p->arena, const struct pf_consent_check *, cx->st.nby);
	memcpy(rec->by, cx->st.by, cx->st.nby * sizeof(*rec->by));
	rec->nby = cx->st.nby;
}

const struct pf_consent_check *pf_entry_check(const struct pf_program *p, const struct pf_fn *fn,
                                              uint64_t bit)
{
	if (!fn->entry_by || !(fn->entry_consent & bit))
		return NULL;
	for (int i = 0; i < p->npurposes; i++)
		if ((bit >> i) & 1)
			return fn->entry_by[i];
	return NULL;
}

/* Fills g->entry_by for the purposes of g's entry consent that it lacks,
 * from one call record of caller c; true when it named one. */
static bool pf_entry_from(struct pf_program *p, const struct pf_fn *c, const struct pf_callrec *rec,
                          struct pf_fn *g)
{
	bool named = false;
	for (int i = 0; i < p->npurposes; i++) {
		uint64_t bit = 1ULL << i;
		if (!(g->entry_consent & bit) || (g->entry_by && g->entry_by[i]))
			continue;
		const struct pf_consent_check *by = NULL;
		if (rec->consent & bit)
			by = pf_consent_find(rec->by, rec->nby, bit);
		else
			by = pf_entry_check(p, c, bit);
		if (!by)
			continue;
		if (!g->entry_by)
			g->entry_by = PF_NEW_N(&p->arena, const struct pf_consent_check *,
			                       (size_t)p->npurposes);
		g->entry_by[i] = by;
		named = true;
	}
	return named;
}

void pf_entry_consent_by(struct pf_program *p)
{
	bool any = false;
	for (size_t i = 0; i < p->fns.n && !any; i++)
		any = p->fns.v[i]->entry_consent != 0;
	/* names only grow, from callers to callees: passes until none is new
	 * (as many as the longest chain of helpers under consent) */
	for (bool changed = any; changed;) {
		changed = false;
		for (size_t i = 0; i < p->fns.n; i++) {
			struct pf_fn *c = p->fns.v[i];
			for (size_t k = 0; k < c->calls.n; k++) {
				struct pf_fn *g = p->fns.v[c->calls.v[k].callee];
				if (g->entry_consent && pf_entry_from(p, c, &c->calls.v[k], g))
					changed = true;
			}
		}
	}
}

/* What a branch condition tests for consent: the call or the local it comes
 * down to, through assignments and one-operand wrappers; NULL when neither. */
static struct pf_ir_expr *pf_consent_operand(struct pf_program *p, struct pf_ir_expr *e)
{
	for (int guard = 0; e && guard < PF_CONSENT_UNWRAP; guard++) {
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

uint64_t pf_consent_of(struct pf_actx *cx, struct pf_ir_expr *e)
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
const struct pf_consent_check *pf_consent_check_of(struct pf_actx *cx, struct pf_ir_expr *e)
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
void pf_set_consent_var(struct pf_actx *cx, const struct pf_ir_var *v, uint64_t mask,
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
