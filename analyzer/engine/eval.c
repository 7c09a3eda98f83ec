/*
 * The transfer functions: what evaluating an expression or running a
 * statement does to the state of the function being analyzed. An
 * expression gives a value (labels, what it points to, the records it
 * holds) or a set of locations to write; assignments, initializer lists
 * and record copies write them. Calls are handed to call.c. These helpers
 * of values and messages are shared by the other files of the analysis.
 */
#include "engine/analyze_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const struct pf_val pf_val_none = {&pf_tset_empty, &pf_lset_empty, &pf_lset_empty};

struct pf_val pf_val_union(struct pf_actx *cx, struct pf_val a, struct pf_val b)
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

const char *pf_istr(struct pf_actx *cx, const char *s)
{
	return pf_intern(&cx->p->strings, s);
}

/* Messages of trace steps, interned: the same step is made again at every
 * visit of its block, and must not cost memory each time. */
__attribute__((format(printf, 2, 3))) const char *pf_msg(struct pf_actx *cx, const char *fmt, ...)
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
const struct pf_lset *pf_children(struct pf_actx *cx, const struct pf_lset *locs, const char *step,
                                  int source)
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

const struct pf_lset *pf_read_pts_set(struct pf_actx *cx, const struct pf_lset *locs)
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
		if (!(t && t->kind == PF_T_SCALAR && t->no_pointer))
			v.pts = pf_read_pts_set(cx, locs);
	}
	return v;
}

/* A name for an expression in messages: "buf", "u->email", "tracker.track". */
const char *pf_describe(struct pf_actx *cx, struct pf_ir_expr *e)
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

/* A type spelling without its leading qualifiers. */
static const char *pf_unqualified(const char *s)
{
	for (;;) {
		if (strncmp(s, "const ", 6) == 0)
			s += 6;
		else if (strncmp(s, "volatile ", 9) == 0)
			s += 9;
		else
			return s;
	}
}

/* Whether a and b are one record type (spellings, qualifiers aside). */
static bool pf_same_record(const struct pf_ir_type *a, const struct pf_ir_type *b)
{
	if (!a || !b || a->kind != PF_T_RECORD || b->kind != PF_T_RECORD)
		return false;
	if (a == b)
		return true;
	return a->spelling && b->spelling &&
	       strcmp(pf_unqualified(a->spelling), pf_unqualified(b->spelling)) == 0;
}

/* The location a pointer of type `t *` designates where it points to loc:
 * loc itself, or the t that holds it as a member, turned back by
 * container_of() (subtracting the member's offset, or a cast where it is
 * the first member). Where loc's type is known and is another record
 * that t embeds as exactly one of its members m, the container is loc's
 * "<m" (its parent when loc is that member of it: pf_loc_child). Where
 * loc's type is unknown (an allocation), loc is taken for the member when
 * it is a member m of a whole object (a root or a pointee, not a member
 * of a member) and t embeds a record (not a union) as its member m: a
 * pointer to P.m has the type of P.m, and a record cannot hold itself, so
 * only a record that embeds a member of the same name as the one it is
 * held in would be mistaken for its container (a coincidence: redis's
 * copy of Lua has one, an UpVal's TValue u.value and TValue's own value,
 * which the rule now leaves alone). */
static uint32_t pf_container(struct pf_actx *cx, uint32_t loc, const struct pf_ir_type *t)
{
	const struct pf_loc *l = &cx->locs.v[loc];
	const char *m = NULL;
	if (l->type) {
		if (l->type->kind != PF_T_RECORD || pf_same_record(l->type, t))
			return loc;
		for (size_t k = 0; k < t->nfields; k++) {
			const struct pf_ir_field *f = &t->fields[k];
			if (f->name && pf_same_record(f->type, l->type)) {
				if (m)
					return loc; /* two members of that type: which is unknown */
				m = f->name;
			}
		}
	} else if (l->parent >= 0 && l->step[0] == '.' &&
	           (cx->locs.v[l->parent].parent < 0 || cx->locs.v[l->parent].step[0] == '*')) {
		/* a member of a whole object (not of a member: Lua's UpVal
		 * holds a TValue as u.value, and a TValue has a member
		 * value of its own) */
		for (size_t k = 0; k < t->nfields && !m; k++) {
			const struct pf_ir_field *f = &t->fields[k];
			if (f->type && f->type->kind == PF_T_RECORD && !f->type->is_union &&
			    pf_step_is_field(l->step, f->name))
				m = f->name;
		}
	}
	if (!m)
		return loc;
	char buf[256];
	snprintf(buf, sizeof(buf), "<%s", m);
	return pf_loc_child(cx, loc, pf_istr(cx, buf), -1);
}

/* An object of no known type (an allocation, or what a call returned)
 * that a pointer of type `t *` is first made to point to is taken for a
 * t, and what lies below it typed along (pf_container tells a member of
 * it from a container then). */
static void pf_type_objects(struct pf_actx *cx, const struct pf_lset *locs,
                            const struct pf_ir_type *t)
{
	if (!t || t->kind != PF_T_RECORD || !t->complete || !locs)
		return;
	for (uint32_t i = 0; i < locs->n; i++) {
		struct pf_loc *l = &cx->locs.v[locs->v[i]];
		if (l->parent < 0 && !l->type &&
		    (l->root == PF_ROOT_HEAP || l->root == PF_ROOT_CALLRET ||
		     l->root == PF_ROOT_CALLNEW))
			l->type = t;
	}
}

static const struct pf_lset *pf_containers(struct pf_actx *cx, const struct pf_lset *locs,
                                           const struct pf_ir_type *t)
{
	if (!t || t->kind != PF_T_RECORD || t->is_union || !t->complete)
		return locs;
	const struct pf_lset *r = NULL; /* made once a location has a container */
	for (uint32_t i = 0; i < locs->n; i++) {
		uint32_t c = pf_container(cx, locs->v[i], t);
		if (!r && c == locs->v[i])
			continue;
		if (!r) /* the locations before this one are their own */
			for (uint32_t j = 0; j < i; j++)
				r = pf_lset_union(&cx->a, r, pf_lset_one(&cx->a, locs->v[j]));
		r = pf_lset_union(&cx->a, r, pf_lset_one(&cx->a, c));
	}
	return r ? r : locs;
}

struct pf_lv pf_lval(struct pf_actx *cx, struct pf_ir_expr *e)
{
	struct pf_lv lv = {&pf_lset_empty, true};
	switch (e->kind) {
	case PF_E_VAR:
		if (e->u.var->kind == PF_V_GLOBAL && e->u.var->index < 0)
			return lv;
		lv.locs = pf_lset_one(&cx->a, pf_loc_var(cx, e->u.var));
		lv.weak = e->u.var->kind == PF_V_GLOBAL;
		/* a parameter declared as an array (`unsigned char out[20]`)
		 * is a pointer to the caller's array: its elements are what
		 * the pointer points to, and what is written there is the
		 * caller's (sha1dc's SHA1DCFinal writes its digest so) */
		if (e->u.var->kind == PF_V_PARAM && pf_is_kind(e->u.var->type, PF_T_ARRAY)) {
			lv.locs =
			    pf_lset_one(&cx->a, pf_loc_child(cx, lv.locs->v[0], cx->p->star, -1));
			lv.weak = true;
		}
		return lv;
	case PF_E_FIELD: {
		struct pf_ir_expr *base = e->kids[0];
		const struct pf_ir_type *bt =
		    e->u.field.arrow ? pf_pointee(base->type) : base->type;
		const struct pf_lset *locs;
		if (e->u.field.arrow) {
			struct pf_val bv = pf_eval(cx, base);
			locs = pf_containers(cx, bv.pts, bt);
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
		lv.locs = pf_containers(cx, v.pts, e->type);
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
	if (!t || t->kind != PF_T_RECORD || t->is_union || t->nfields == 0 ||
	    t->nfields > PF_COPY_FIELDS || depth > PF_COPY_DEPTH) {
		struct pf_val v = pf_val_none;
		v.labels = pf_read_set(cx, src,
		                       depth > PF_COPY_DEPTH || (t && t->nfields > PF_COPY_FIELDS));
		v.pts = pf_read_pts_set(cx, src);
		pf_write(cx, dst, &v, strong);
		return;
	}
	/* the whole-object labels of the source (e.g. from memcpy) */
	struct pf_val whole = pf_val_none;
	for (uint32_t i = 0; i < src->n; i++) {
		struct pf_entry *se = pf_cur_get(cx, src->v[i]);
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

void pf_assign_to(struct pf_actx *cx, struct pf_lv lv, struct pf_ir_expr *rhs,
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

bool pf_expr_ends(struct pf_actx *cx, const struct pf_ir_expr *e)
{
	if (!e)
		return false;
	if (e->kind == PF_E_CALL && e->nkids && e->kids[0]->kind == PF_E_FUNC) {
		const struct pf_fn *g = pf_program_callee(cx->p, e->kids[0]);
		return g && g->noreturn;
	}
	if (e->kind == PF_E_SEQ)
		for (unsigned i = 0; i < e->nkids; i++)
			if (pf_expr_ends(cx, e->kids[i]))
				return true;
	return false;
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
		struct pf_val v = pf_load(cx, pf_containers(cx, p.pts, e->type), e->type);
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
			pf_type_objects(cx, v.pts, pf_pointee(lhs->type));
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
		for (unsigned i = 0; i < e->nkids; i++) {
			if (pf_expr_ends(cx, e->kids[i])) {
				/* an arm that ends the program (`x ? (void)0 :
				 * (fail(), abort())`): what it writes is never read
				 * after, and the other arm goes on from the state
				 * before it; its sinks are reported */
				struct pf_state before;
				pf_state_copy(cx, &cx->a, &before, &cx->st);
				pf_eval(cx, e->kids[i]);
				cx->st = before;
				pf_present_reset(cx);
				cx->gen++;
				continue;
			}
			v = pf_val_union(cx, v, pf_eval(cx, e->kids[i]));
		}
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
	case PF_E_VAARG: {
		/* the next argument: what the list holds (va_start wrote the
		 * variadic arguments there), whether the list is the function's
		 * own or a parameter pointing to its caller's */
		struct pf_val l = pf_eval(cx, e->kids[0]);
		struct pf_val v = pf_val_none;
		v.labels = pf_tset_union(&cx->a, l.labels, pf_read_set(cx, l.pts, false));
		v.pts = pf_read_pts_set(cx, l.pts);
		return v;
	}
	default:
		return pf_val_none;
	}
}

struct pf_val pf_eval(struct pf_actx *cx, struct pf_ir_expr *e)
{
	if (!e)
		return pf_val_none;
	return pf_eval_kind(cx, e);
}

void pf_stmt(struct pf_actx *cx, struct pf_ir_stmt *s)
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
