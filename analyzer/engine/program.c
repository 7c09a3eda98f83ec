/*
 * Linking: the lowered translation units become one program. Functions and
 * globals are joined by their link keys (a name, or name@file for statics),
 * the interfaces of all declarations of a function are merged, sources get
 * program-wide ids (fields and globals that a rules entry names become
 * sources here: rules_apply.c), and the rules that apply to each function are looked up
 * once, here, instead of at every call.
 */
#include "engine/engine_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The maps' keys are interned: a key is its pointer, and hashing the
 * pointer spares a pass over the string at each of the link's million
 * lookups. */
static size_t pf_key_hash(const char *k, size_t cap)
{
	uint64_t h = (uint64_t)(uintptr_t)k * 0x9E3779B97F4A7C15ull;
	return (size_t)(h >> 32) & (cap - 1);
}

/* Maps of interned keys to ids. */
static int pf_map_get(const char **keys, const int *vals, size_t cap, const char *k)
{
	if (!cap)
		return -1;
	for (size_t i = pf_key_hash(k, cap);; i = (i + 1) & (cap - 1)) {
		if (!keys[i])
			return -1;
		if (keys[i] == k)
			return vals[i];
	}
}

static void pf_map_put(const char ***keys, int **vals, size_t *cap, size_t n, const char *k, int v)
{
	if ((n + 1) * 2 > *cap) {
		size_t ncap = *cap ? *cap * 2 : 256;
		const char **nk = pf_xcalloc(ncap, sizeof(*nk));
		int *nv = pf_xcalloc(ncap, sizeof(*nv));
		for (size_t i = 0; i < *cap; i++) {
			if (!(*keys)[i])
				continue;
			size_t j = pf_key_hash((*keys)[i], ncap);
			while (nk[j])
				j = (j + 1) & (ncap - 1);
			nk[j] = (*keys)[i];
			nv[j] = (*vals)[i];
		}
		free(*keys);
		free(*vals);
		*keys = nk;
		*vals = nv;
		*cap = ncap;
	}
	size_t i = pf_key_hash(k, *cap);
	while ((*keys)[i] && (*keys)[i] != k)
		i = (i + 1) & (*cap - 1);
	(*keys)[i] = k;
	(*vals)[i] = v;
}

struct pf_fn *pf_program_fn(struct pf_program *p, const char *key)
{
	int i = pf_map_get(p->fn_keys, p->fn_vals, p->fn_cap, pf_intern(&p->strings, key));
	return i < 0 ? NULL : p->fns.v[i];
}

int pf_program_global(struct pf_program *p, const char *key)
{
	return pf_map_get(p->g_keys, p->g_vals, p->g_cap, pf_intern(&p->strings, key));
}

int pf_program_source(struct pf_program *p, int tu, int local_id)
{
	if (local_id < 0 || tu < 0)
		return -1;
	return p->tu_source_map[tu][local_id];
}

static void pf_link_sources(struct pf_program *p)
{
	p->tu_source_map = pf_xcalloc(p->ntus + 1, sizeof(*p->tu_source_map));
	const char **keys = NULL;
	int *vals = NULL;
	size_t cap = 0;
	for (size_t t = 0; t < p->ntus; t++) {
		struct pf_ir_tu *tu = p->tus[t];
		p->tu_source_map[t] = pf_xcalloc(tu->nsources + 1, sizeof(int));
		for (size_t i = 0; i < tu->nsources; i++) {
			struct pf_ir_source *s = pf_rules_apply_source(p, tu->sources[i]);
			if (!s) { /* a field or global no rules entry names */
				p->tu_source_map[t][i] = -1;
				continue;
			}
			char *k = pf_arena_printf(&p->arena, "%s:%u:%u:%s:%s:%s:%s", s->pos.file,
			                          s->pos.line, s->pos.column, s->name, s->category,
			                          s->how, s->function);
			const char *ik = pf_intern(&p->strings, k);
			int id = pf_map_get(keys, vals, cap, ik);
			if (id < 0) {
				id = (int)p->sources.n;
				PF_VEC_PUSH(p->sources, s);
				pf_map_put(&keys, &vals, &cap, (size_t)id, ik, id);
			}
			p->tu_source_map[t][i] = id;
		}
	}
	free(keys);
	free(vals);
}

static struct pf_fn *pf_fn_get(struct pf_program *p, struct pf_ir_fdecl *d, int tu)
{
	const char *key = pf_intern(&p->strings, d->key);
	int i = pf_map_get(p->fn_keys, p->fn_vals, p->fn_cap, key);
	if (i >= 0)
		return p->fns.v[i];
	struct pf_fn *fn = pf_xcalloc(1, sizeof(*fn));
	fn->id = (int)p->fns.n;
	fn->key = key;
	fn->name = pf_intern(&p->strings, d->name);
	fn->tu = tu;
	struct pf_ir_fdecl *m = PF_NEW(&p->arena, struct pf_ir_fdecl);
	*m = *d;
	int n = d->nparams;
	m->param_sink = PF_NEW_N(&p->arena, const char *, n + 1);
	m->param_source = PF_NEW_N(&p->arena, int, n + 1);
	m->param_out_source = PF_NEW_N(&p->arena, int, n + 1);
	m->param_const_pointee = PF_NEW_N(&p->arena, bool, n + 1);
	m->param_names = PF_NEW_N(&p->arena, const char *, n + 1);
	m->ret_source = -1;
	m->sink_purpose = NULL;
	m->consent_purpose = NULL;
	m->anonymizer = false;
	for (int j = 0; j < n; j++) {
		m->param_source[j] = -1;
		m->param_out_source[j] = -1;
		m->param_const_pointee[j] = d->param_const_pointee[j];
		m->param_names[j] = d->param_names[j];
	}
	fn->decl = m;
	PF_VEC_PUSH(p->fns, fn);
	pf_map_put(&p->fn_keys, &p->fn_vals, &p->fn_cap, (size_t)fn->id, key, fn->id);
	return fn;
}

static void pf_merge_decl(struct pf_program *p, struct pf_fn *fn, struct pf_ir_fdecl *d, int tu)
{
	struct pf_ir_fdecl *m = fn->decl;
	if (d->ret_source >= 0)
		m->ret_source = pf_program_source(p, tu, d->ret_source);
	if (d->sink_purpose)
		m->sink_purpose = pf_intern(&p->strings, d->sink_purpose);
	if (d->consent_purpose)
		m->consent_purpose = pf_intern(&p->strings, d->consent_purpose);
	if (d->anonymizer)
		m->anonymizer = true;
	int n = d->nparams < m->nparams ? d->nparams : m->nparams;
	for (int j = 0; j < n; j++) {
		if (d->param_sink[j])
			m->param_sink[j] = pf_intern(&p->strings, d->param_sink[j]);
		if (d->param_source[j] >= 0)
			m->param_source[j] = pf_program_source(p, tu, d->param_source[j]);
		if (d->param_out_source[j] >= 0)
			m->param_out_source[j] = pf_program_source(p, tu, d->param_out_source[j]);
		if (!*m->param_names[j] && *d->param_names[j])
			m->param_names[j] = d->param_names[j];
	}
}

struct pf_fn *pf_program_callee(struct pf_program *p, const struct pf_ir_expr *e)
{
	void *fn = pf_ptrmap_get(&p->callees, e);
	if (!fn) {
		fn = pf_program_fn(p, e->u.func.key);
		pf_ptrmap_put(&p->callees, e, fn ? fn : (void *)&p->callees);
	}
	return fn == (void *)&p->callees ? NULL : fn;
}

/* What the link reads from function bodies: the functions whose address
 * is taken (any use other than a direct call) and the global variables an
 * expression may change (assigned to, their address taken, or an array of
 * theirs, or in them, used as a pointer: anything may then be written
 * through it).
 * Both are facts of one unit, gathered by pf_engine_link_facts once for a
 * unit the language server holds, or here for the others. Linking writes
 * nothing into the IR: held units are shared, copy-on-write, with the
 * process that holds them, and a write to each would copy most of their
 * pages. */
struct pf_facts {
	PF_VEC(const char *) fns;
	PF_VEC(struct pf_ir_var *) vars;
};

static void pf_facts_expr(struct pf_facts *f, const struct pf_ir_expr *e, bool is_callee)
{
	if (!e)
		return;
	if (e->kind == PF_E_FUNC) {
		if (!is_callee)
			PF_VEC_PUSH(f->fns, e->u.func.key);
		return;
	}
	for (unsigned i = 0; i < e->nkids; i++)
		pf_facts_expr(f, e->kids[i], e->kind == PF_E_CALL && i == 0);
}

struct pf_ir_var *pf_lvalue_global(const struct pf_ir_expr *e)
{
	for (int guard = 0; e && guard < 64; guard++) {
		if (e->kind == PF_E_VAR)
			return e->u.var && e->u.var->kind == PF_V_GLOBAL ? e->u.var : NULL;
		if ((e->kind == PF_E_FIELD && !e->u.field.arrow) || e->kind == PF_E_INDEX)
			e = e->kids[0];
		else
			return NULL;
	}
	return NULL;
}

bool pf_in_fixed_global(const struct pf_program *p, const struct pf_ir_expr *e)
{
	const struct pf_ir_var *v = pf_lvalue_global(e);
	if (!v || v->index < 0 || (size_t)v->index >= p->globals.n)
		return false;
	return p->globals.v[v->index].constant || p->globals.v[v->index].zero;
}

/* `base` says e is the object of a field access or an index, where an
 * array stays an array. */
static void pf_facts_written(struct pf_facts *f, const struct pf_ir_expr *e, bool base)
{
	if (!e)
		return;
	struct pf_ir_var *g = NULL;
	if (e->kind == PF_E_ASSIGN && e->nkids)
		g = pf_lvalue_global(e->kids[0]);
	else if (e->kind == PF_E_ADDR && e->nkids)
		g = pf_lvalue_global(e->kids[0]);
	else if (!base && e->type && e->type->kind == PF_T_ARRAY)
		g = pf_lvalue_global(e); /* an array of it (g, g.buf, g[i]) used as a pointer */
	if (g)
		PF_VEC_PUSH(f->vars, g);
	for (unsigned i = 0; i < e->nkids; i++)
		pf_facts_written(f, e->kids[i],
		                 i == 0 && (e->kind == PF_E_INDEX ||
		                            (e->kind == PF_E_FIELD && !e->u.field.arrow)));
}

static void pf_facts_of_expr(struct pf_facts *f, const struct pf_ir_expr *e)
{
	pf_facts_expr(f, e, false);
	pf_facts_written(f, e, false);
}

static void pf_facts_of_tu(struct pf_facts *f, const struct pf_ir_tu *tu)
{
	for (size_t i = 0; i < tu->nfuncs; i++) {
		const struct pf_ir_func *fn = tu->funcs[i];
		for (unsigned b = 0; b < fn->nblocks; b++) {
			const struct pf_ir_block *bl = &fn->blocks[b];
			for (unsigned s = 0; s < bl->nstmts; s++) {
				pf_facts_of_expr(f, bl->stmts[s].expr);
				if (bl->stmts[s].kind == PF_S_INIT && bl->stmts[s].var &&
				    bl->stmts[s].var->kind == PF_V_GLOBAL)
					PF_VEC_PUSH(f->vars, bl->stmts[s].var);
			}
			pf_facts_of_expr(f, bl->cond);
		}
	}
}

/* Marks what facts say, once every global reference is resolved. */
static void pf_facts_apply(struct pf_program *p, const char *const *fns, size_t nfns,
                           struct pf_ir_var *const *vars, size_t nvars)
{
	for (size_t i = 0; i < nfns; i++) {
		struct pf_fn *fn = pf_program_fn(p, fns[i]);
		if (fn)
			fn->address_taken = true;
	}
	for (size_t i = 0; i < nvars; i++) {
		int g = vars[i]->index;
		if (g >= 0 && (size_t)g < p->globals.n)
			p->globals.v[g].written = true;
	}
}

static void pf_facts_free(struct pf_facts *f)
{
	PF_VEC_FREE(f->fns);
	PF_VEC_FREE(f->vars);
}

/* A static local's initializer runs once, before the program starts, and
 * only its function can name it: where that function's body never writes
 * it (nor takes its address, nor uses it as an array decayed to a
 * pointer), it holds its initializer, like a constant global (`static
 * const struct curltime KEY_NOTUSED = {...}` in curl's splay code). The
 * link's facts count the initialization as a write; the function's own
 * body says better. */
/* Whether body assigns global g, takes its address or uses it as an
 * array turned pointer (pf_facts_written). */
static bool pf_body_writes(const struct pf_ir_func *b, int g)
{
	struct pf_facts f = {0};
	for (unsigned k = 0; k < b->nblocks; k++) {
		for (unsigned s = 0; s < b->blocks[k].nstmts; s++)
			pf_facts_written(&f, b->blocks[k].stmts[s].expr, false);
		pf_facts_written(&f, b->blocks[k].cond, false);
	}
	bool written = false;
	for (size_t v = 0; v < f.vars.n && !written; v++)
		written = f.vars.v[v]->index == g;
	pf_facts_free(&f);
	return written;
}

static void pf_static_locals(struct pf_program *p)
{
	for (size_t i = 0; i < p->fns.n; i++) {
		const struct pf_ir_func *b = p->fns.v[i]->body;
		for (unsigned k = 0; b && k < b->nblocks; k++) {
			for (unsigned s = 0; s < b->blocks[k].nstmts; s++) {
				const struct pf_ir_stmt *st = &b->blocks[k].stmts[s];
				if (st->kind != PF_S_INIT || !st->expr || !st->var ||
				    st->var->kind != PF_V_GLOBAL || st->var->index < 0 ||
				    (size_t)st->var->index >= p->globals.n)
					continue;
				struct pf_global *g = &p->globals.v[st->var->index];
				if (g->init || g->constant || pf_body_writes(b, st->var->index))
					continue;
				g->init = st->expr;
				g->init_tu = p->fns.v[i]->tu;
				g->initialized = true;
				g->constant = true;
			}
		}
	}
}

static int pf_ptr_cmp(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t) * (void *const *)a, y = (uintptr_t) * (void *const *)b;
	return x < y ? -1 : x > y;
}

/* Sorts v[0..n) by address and drops repeats; returns the new count. */
static size_t pf_unique(void **v, size_t n)
{
	if (n < 2)
		return n;
	qsort(v, n, sizeof(*v), pf_ptr_cmp);
	size_t k = 1;
	for (size_t i = 1; i < n; i++)
		if (v[i] != v[k - 1])
			v[k++] = v[i];
	return k;
}

void pf_engine_link_facts(struct pf_ir_tu *tu)
{
	struct pf_facts f = {0};
	pf_facts_of_tu(&f, tu);
	/* the same pointer once; copies of one key at two addresses both stay,
	 * and mark the same function twice */
	f.fns.n = pf_unique((void **)f.fns.v, f.fns.n);
	f.vars.n = pf_unique((void **)f.vars.v, f.vars.n);
	tu->link_fns = PF_NEW_N(&tu->arena, const char *, f.fns.n + 1);
	tu->link_vars = PF_NEW_N(&tu->arena, struct pf_ir_var *, f.vars.n + 1);
	if (f.fns.n)
		memcpy(tu->link_fns, f.fns.v, f.fns.n * sizeof(*f.fns.v));
	if (f.vars.n)
		memcpy(tu->link_vars, f.vars.v, f.vars.n * sizeof(*f.vars.v));
	tu->nlink_fns = f.fns.n;
	tu->nlink_vars = f.vars.n;
	tu->has_link_facts = true;
	pf_facts_free(&f);
}

static void pf_add_sinkspec(struct pf_fn *fn, const char *purpose, const struct pf_argpos *args,
                            size_t nargs, int param, const struct pf_rule_when *when)
{
	struct pf_sinkspec spec = {purpose, args, nargs, param, when};
	PF_VEC_PUSH(fn->sinks, spec);
}

static void pf_link_rules(struct pf_program *p, struct pf_fn *fn)
{
	fn->model = pf_name_model(fn->name, fn->body != NULL);
	fn->noreturn = !fn->body && pf_name_noreturn(fn->name);
	const struct pf_rules *r = p->opts->rules;
	struct pf_ir_fdecl *d = fn->decl;
	if (d->sink_purpose)
		pf_add_sinkspec(fn, d->sink_purpose, NULL, 0, -1, NULL);
	for (int j = 0; j < d->nparams; j++)
		if (d->param_sink[j])
			pf_add_sinkspec(fn, d->param_sink[j], NULL, 0, j, NULL);
	fn->consent_purpose = d->consent_purpose;
	fn->anonymizer = d->anonymizer;
	if (!r)
		return;
	for (const struct pf_rule_sink *s = pf_rules_find_sink(r, fn->name, NULL); s;
	     s = pf_rules_find_sink(r, fn->name, s)) {
		pf_add_sinkspec(fn, pf_intern(&p->strings, s->purpose),
		                s->all_args ? NULL : s->args, s->all_args ? 0 : s->nargs, -1,
		                s->when);
		fn->has_rule = true;
	}
	fn->prop = pf_rules_find_propagator(r, fn->name);
	fn->rsource = pf_rules_find_function_source(r, fn->name);
	if (pf_rules_find_anonymizer(r, fn->name))
		fn->anonymizer = true;
	const struct pf_rule_consent *c = pf_rules_find_consent(r, fn->name);
	if (c && !fn->consent_purpose)
		fn->consent_purpose = pf_intern(&p->strings, c->purpose);
	if (fn->prop || fn->rsource || c || fn->anonymizer)
		fn->has_rule = true;
}

void pf_program_link(struct pf_program *p)
{
	p->empty = pf_intern(&p->strings, "");
	p->star = pf_intern(&p->strings, "*");
	p->url = pf_intern(&p->strings, "=url");
	pf_rules_apply_init(p);
	pf_link_sources(p);
	for (size_t t = 0; t < p->ntus; t++) {
		struct pf_ir_tu *tu = p->tus[t];
		for (size_t i = 0; i < tu->nfdecls; i++) {
			struct pf_fn *fn = pf_fn_get(p, tu->fdecls[i], (int)t);
			pf_merge_decl(p, fn, tu->fdecls[i], (int)t);
		}
		for (size_t i = 0; i < tu->nfuncs; i++) {
			struct pf_fn *fn = pf_fn_get(p, tu->funcs[i]->decl, (int)t);
			if (!fn->body) {
				fn->body = tu->funcs[i];
				fn->tu = (int)t;
			}
		}
		for (size_t i = 0; i < tu->nglobals; i++) {
			struct pf_ir_global *g = tu->globals[i];
			const char *key = pf_intern(&p->strings, g->key);
			int id = pf_map_get(p->g_keys, p->g_vals, p->g_cap, key);
			if (id < 0) {
				id = (int)p->globals.n;
				struct pf_global ng = {.key = key,
				                       .name = pf_intern(&p->strings, g->name),
				                       .pos = g->pos,
				                       .source = -1};
				PF_VEC_PUSH(p->globals, ng);
				pf_map_put(&p->g_keys, &p->g_vals, &p->g_cap, (size_t)id, key, id);
			}
			if (g->source >= 0 && p->globals.v[id].source < 0)
				p->globals.v[id].source = pf_program_source(p, (int)t, g->source);
			p->globals.v[id].is_const |= g->is_const;
			p->globals.v[id].defined |= g->defined;
			p->globals.v[id].one_char |= g->one_char;
			p->globals.v[id].initialized |= g->initialized;
			if (g->init && !p->globals.v[id].init) {
				p->globals.v[id].init = g->init;
				p->globals.v[id].init_tu = (int)t;
			}
		}
		for (size_t i = 0; i < tu->naddr_taken; i++) {
			struct pf_fn *fn = pf_program_fn(p, tu->addr_taken[i]);
			if (fn)
				fn->address_taken = true;
		}
		for (size_t i = 0; i < tu->nglobal_refs; i++) {
			struct pf_ir_var *v = tu->global_refs[i];
			v->index = pf_program_global(p, v->key);
		}
	}
	for (size_t t = 0; t < p->ntus; t++) {
		const struct pf_ir_tu *tu = p->tus[t];
		if (tu->has_link_facts) {
			pf_facts_apply(p, tu->link_fns, tu->nlink_fns, tu->link_vars,
			               tu->nlink_vars);
			continue;
		}
		struct pf_facts f = {0};
		pf_facts_of_tu(&f, tu);
		pf_facts_apply(p, f.fns.v, f.fns.n, f.vars.v, f.vars.n);
		pf_facts_free(&f);
	}
	struct pf_facts init = {0};
	for (size_t i = 0; i < p->globals.n; i++)
		pf_facts_of_expr(&init, p->globals.v[i].init);
	pf_facts_apply(p, init.fns.v, init.fns.n, init.vars.v, init.vars.n);
	pf_facts_free(&init);
	for (size_t i = 0; i < p->globals.n; i++) {
		struct pf_global *g = &p->globals.v[i];
		g->constant = g->init && (g->is_const || !g->written);
		g->zero = g->defined && !g->initialized && !g->written;
	}
	pf_static_locals(p);
	pf_hooks_fix(p);
	for (size_t i = 0; i < p->fns.n; i++)
		pf_link_rules(p, p->fns.v[i]);
}

/* Sources reachable from a value of type t through fields, elements and
 * pointers: "a struct whose field is personal data". */
struct pf_ints {
	int *v;
	size_t n, cap;
};

struct pf_types {
	struct pf_ir_type **v;
	size_t n, cap;
};

static void pf_deep_collect(struct pf_program *p, int tu, struct pf_ir_type *t, int depth,
                            struct pf_ints *out, struct pf_types *seen)
{
	if (!t || depth > 5)
		return;
	for (size_t i = 0; i < seen->n; i++)
		if (seen->v[i] == t)
			return;
	PF_VEC_PUSH(*seen, t);
	switch (t->kind) {
	case PF_T_POINTER:
	case PF_T_ARRAY:
		pf_deep_collect(p, tu, t->target, depth + 1, out, seen);
		break;
	case PF_T_RECORD:
		for (size_t i = 0; i < t->nfields; i++) {
			int s = pf_program_source(p, tu, t->fields[i].source);
			if (s >= 0) {
				bool dup = false;
				for (size_t j = 0; j < out->n && !dup; j++)
					dup = out->v[j] == s;
				if (!dup)
					PF_VEC_PUSH(*out, s);
			}
			pf_deep_collect(p, tu, t->fields[i].type, depth + 1, out, seen);
		}
		break;
	default:
		break;
	}
}

struct pf_deep {
	int *v;
	int n;
};

const int *pf_type_deep_sources(struct pf_program *p, int tu, struct pf_ir_type *t, int *n)
{
	if (!t) {
		*n = 0;
		return NULL;
	}
	struct pf_deep *d = pf_ptrmap_get(&p->deep, t);
	if (!d) {
		struct pf_ints out = {0};
		struct pf_types seen = {0};
		pf_deep_collect(p, tu, t, 0, &out, &seen);
		d = PF_NEW(&p->arena, struct pf_deep);
		d->v = PF_NEW_N(&p->arena, int, out.n + 1);
		if (out.n)
			memcpy(d->v, out.v, out.n * sizeof(int));
		d->n = (int)out.n;
		pf_ptrmap_put(&p->deep, t, d);
		PF_VEC_FREE(out);
		PF_VEC_FREE(seen);
	}
	*n = d->n;
	return d->v;
}

void pf_program_release(struct pf_program *p)
{
	for (size_t i = 0; i < p->fns.n; i++) {
		struct pf_fn *fn = p->fns.v[i];
		PF_VEC_FREE(fn->sinks);
		PF_VEC_FREE(fn->constants);
		PF_VEC_FREE(fn->dependents);
		PF_VEC_FREE(fn->cast_types);
		PF_VEC_FREE(fn->kills);
		PF_VEC_FREE(fn->sink_ids);
		PF_VEC_FREE(fn->calls);
		PF_VEC_FREE(fn->dsites);
		pf_summary_free(&fn->summary);
		free(fn);
	}
	PF_VEC_FREE(p->fns);
	for (size_t i = 0; i < p->groups.n; i++) {
		pf_summary_free(&p->groups.v[i]->fn.summary);
		PF_VEC_FREE(p->groups.v[i]->members);
	}
	PF_VEC_FREE(p->groups);
	free(p->fn_keys);
	free(p->fn_vals);
	free(p->g_keys);
	free(p->g_vals);
	PF_VEC_FREE(p->globals);
	PF_VEC_FREE(p->sources);
	PF_VEC_FREE(p->matched_rules);
	pf_ptrmap_free(&p->callees);
	pf_ptrmap_free(&p->deep);
	free(p->rule_names);
	PF_VEC_FREE(p->sites);
	PF_VEC_FREE(p->opaque);
	PF_VEC_FREE(p->checks);
	if (p->tu_source_map)
		for (size_t t = 0; t < p->ntus; t++)
			free(p->tu_source_map[t]);
	free(p->tu_source_map);
	pf_intern_release(&p->strings);
	pf_arena_release(&p->arena);
	pf_arena_release(&p->scratch);
	pf_arena_release(&p->scratch_kept);
}
