/*
 * Binary form of the IR. Little-endian fixed-width integers; strings, types
 * and variables are written once and referred to by number afterwards (the
 * reader numbers them in the same order), which also keeps the cycles of
 * recursive record types finite. The reader checks every count, number and
 * kind against what it has read so far and gives up on the first mismatch.
 */
#include "ir/ir_io.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "util/intern.h"
#include "util/ptrmap.h"
#include "util/xalloc.h"

static const char pf_magic[8] = {'P', 'F', 'I', 'R', 0, 0, 0, PF_IR_FORMAT_VERSION};

#define PF_IO_MAX_COUNT (1u << 26)
#define PF_IO_MAX_STRING (1u << 24)
#define PF_IO_MAX_DEPTH 4096

/* ---- writer ---- */

struct pf_wr {
	FILE *f;
	bool err;
	struct pf_ptrmap strs; /* string pointer -> id + 1 */
	struct pf_ptrmap types, vars, decls;
	uint32_t nstrs, ntypes, nvars;
};

static void w_bytes(struct pf_wr *w, const void *p, size_t n)
{
	if (!w->err && n && fwrite(p, 1, n, w->f) != n)
		w->err = true;
}

static void w_u32(struct pf_wr *w, uint32_t v)
{
	unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
	                      (unsigned char)(v >> 24)};
	w_bytes(w, b, 4);
}

static void w_i32(struct pf_wr *w, int v)
{
	w_u32(w, (uint32_t)v);
}

static void w_u8(struct pf_wr *w, unsigned v)
{
	unsigned char b = (unsigned char)v;
	w_bytes(w, &b, 1);
}

/* A reference to p, one of the strings, types or variables numbered in
 * written (count so far): 0 for NULL; 1 when p is new, numbered now and
 * written after it (returns true); k + 2 for the one numbered k. They are
 * identified by pointer: the IR shares pointers for repeated names. */
static bool w_ref(struct pf_wr *w, struct pf_ptrmap *written, uint32_t *count, const void *p)
{
	if (!p) {
		w_u32(w, 0);
		return false;
	}
	uintptr_t id = (uintptr_t)pf_ptrmap_get(written, p);
	if (id) {
		w_u32(w, (uint32_t)id + 1);
		return false;
	}
	pf_ptrmap_put(written, p, (void *)(uintptr_t)(++*count));
	w_u32(w, 1);
	return true;
}

static void w_str(struct pf_wr *w, const char *s)
{
	if (!w_ref(w, &w->strs, &w->nstrs, s))
		return;
	size_t n = strlen(s);
	w_u32(w, (uint32_t)n);
	w_bytes(w, s, n);
}

static void w_pos(struct pf_wr *w, struct pf_ir_pos p)
{
	w_str(w, p.file);
	w_u32(w, p.line);
	w_u32(w, p.column);
}

static void w_type(struct pf_wr *w, const struct pf_ir_type *t)
{
	if (!w_ref(w, &w->types, &w->ntypes, t))
		return;
	w_u8(w, t->kind);
	w_str(w, t->spelling);
	w_u8(w, t->target_const);
	w_u8(w, t->is_union);
	w_u8(w, t->complete);
	w_u8(w, t->no_pointer);
	w_i32(w, t->nparams);
	w_u8(w, t->variadic);
	w_type(w, t->target);
	w_u32(w, (uint32_t)t->nfields);
	for (size_t i = 0; i < t->nfields; i++) {
		w_str(w, t->fields[i].name);
		w_i32(w, t->fields[i].source);
		w_type(w, t->fields[i].type);
	}
}

static void w_var(struct pf_wr *w, const struct pf_ir_var *v)
{
	if (!w_ref(w, &w->vars, &w->nvars, v))
		return;
	w_u8(w, v->kind);
	w_str(w, v->name);
	w_type(w, v->type);
	w_i32(w, v->index);
	w_i32(w, v->source);
	w_str(w, v->key);
}

static void w_expr(struct pf_wr *w, const struct pf_ir_expr *e)
{
	if (!e) {
		w_u8(w, 0xff);
		return;
	}
	w_u8(w, e->kind);
	w_type(w, e->type);
	w_pos(w, e->pos);
	w_u32(w, e->nkids);
	switch (e->kind) {
	case PF_E_VAR:
		w_var(w, e->u.var);
		break;
	case PF_E_FIELD:
		w_str(w, e->u.field.name);
		w_u8(w, e->u.field.arrow);
		w_i32(w, e->u.field.source);
		w_i32(w, e->u.field.index);
		break;
	case PF_E_FUNC:
		w_str(w, e->u.func.key);
		w_str(w, e->u.func.name);
		break;
	case PF_E_CALL:
		w_i32(w, e->u.call.site);
		break;
	case PF_E_ASSIGN:
		w_u8(w, e->u.assign.compound);
		break;
	case PF_E_INIT:
		w_u8(w, e->u.init.is_array);
		for (unsigned i = 0; i < e->nkids; i++) {
			w_str(w, e->u.init.designator[i]);
			w_i32(w, e->u.init.element ? e->u.init.element[i] : -1);
		}
		break;
	case PF_E_INDEX:
		w_u8(w, e->u.index.known);
		w_i32(w, e->u.index.known ? (int32_t)e->u.index.value : 0);
		break;
	case PF_E_STRING:
	case PF_E_CONST:
		w_str(w, e->u.text);
		break;
	default:
		break;
	}
	for (unsigned i = 0; i < e->nkids; i++)
		w_expr(w, e->kids[i]);
}

static void w_fdecl(struct pf_wr *w, const struct pf_ir_fdecl *d)
{
	w_str(w, d->key);
	w_str(w, d->name);
	w_u8(w, d->is_static);
	w_pos(w, d->pos);
	w_type(w, d->type);
	w_i32(w, d->nparams);
	w_u8(w, d->variadic);
	w_i32(w, d->ret_source);
	w_str(w, d->sink_purpose);
	w_u8(w, d->anonymizer);
	w_str(w, d->consent_purpose);
	for (int i = 0; i < d->nparams; i++) {
		w_str(w, d->param_sink[i]);
		w_i32(w, d->param_source[i]);
		w_i32(w, d->param_out_source[i]);
		w_u8(w, d->param_const_pointee[i]);
		w_str(w, d->param_names[i]);
	}
}

static void w_func(struct pf_wr *w, const struct pf_ir_func *fn)
{
	uintptr_t di = (uintptr_t)pf_ptrmap_get(&w->decls, fn->decl);
	w_u32(w, (uint32_t)di);
	for (int i = 0; i < fn->decl->nparams; i++)
		w_var(w, fn->params[i]);
	w_u32(w, fn->nlocals);
	for (unsigned i = 0; i < fn->nlocals; i++)
		w_var(w, fn->locals[i]);
	w_u32(w, fn->ncallsites);
	w_u32(w, fn->nstmts);
	w_u32(w, fn->nblocks);
	for (unsigned b = 0; b < fn->nblocks; b++) {
		const struct pf_ir_block *bl = &fn->blocks[b];
		w_u32(w, bl->nstmts);
		for (unsigned s = 0; s < bl->nstmts; s++) {
			w_u8(w, bl->stmts[s].kind);
			w_expr(w, bl->stmts[s].expr);
			w_var(w, bl->stmts[s].var);
			w_pos(w, bl->stmts[s].pos);
		}
		w_u8(w, bl->term);
		w_expr(w, bl->cond);
		w_i32(w, bl->succ[0]);
		w_i32(w, bl->succ[1]);
	}
}

int pf_ir_write(FILE *f, const struct pf_ir_tu *tu)
{
	struct pf_wr w = {.f = f};
	w_bytes(&w, pf_magic, sizeof(pf_magic));
	w_str(&w, tu->file);
	w_u8(&w, tu->fatal);
	w_u32(&w, (uint32_t)tu->nsources);
	for (size_t i = 0; i < tu->nsources; i++) {
		const struct pf_ir_source *s = tu->sources[i];
		w_u8(&w, s->kind);
		w_str(&w, s->record.tag);
		w_str(&w, s->record.type);
		w_str(&w, s->category);
		w_str(&w, s->name);
		w_str(&w, s->function);
		w_str(&w, s->how);
		w_pos(&w, s->pos);
	}
	w_u32(&w, (uint32_t)tu->nfdecls);
	for (size_t i = 0; i < tu->nfdecls; i++) {
		pf_ptrmap_put(&w.decls, tu->fdecls[i], (void *)(uintptr_t)i);
		w_fdecl(&w, tu->fdecls[i]);
	}
	w_u32(&w, (uint32_t)tu->nglobals);
	for (size_t i = 0; i < tu->nglobals; i++) {
		const struct pf_ir_global *g = tu->globals[i];
		w_str(&w, g->key);
		w_str(&w, g->name);
		w_u8(&w, g->is_static);
		w_type(&w, g->type);
		w_i32(&w, g->source);
		w_pos(&w, g->pos);
		w_u8(&w, g->is_const);
		w_u8(&w, g->defined);
		w_u8(&w, g->initialized);
		w_u8(&w, g->one_char);
		w_expr(&w, g->init);
	}
	w_u32(&w, (uint32_t)tu->nglobal_refs);
	for (size_t i = 0; i < tu->nglobal_refs; i++)
		w_var(&w, tu->global_refs[i]);
	w_u32(&w, (uint32_t)tu->nfuncs);
	for (size_t i = 0; i < tu->nfuncs; i++)
		w_func(&w, tu->funcs[i]);
	w_u32(&w, (uint32_t)tu->naddr_taken);
	for (size_t i = 0; i < tu->naddr_taken; i++)
		w_str(&w, tu->addr_taken[i]);
	w_u32(&w, (uint32_t)tu->nrefs);
	for (size_t i = 0; i < tu->nrefs; i++)
		w_str(&w, tu->refs[i]);
	w_u32(&w, (uint32_t)tu->nincludes);
	for (size_t i = 0; i < tu->nincludes; i++)
		w_str(&w, tu->includes[i]);
	w_u32(&w, (uint32_t)tu->ndiags);
	for (size_t i = 0; i < tu->ndiags; i++) {
		w_str(&w, tu->diags[i].rule);
		w_u8(&w, tu->diags[i].is_error);
		w_pos(&w, tu->diags[i].pos);
		w_str(&w, tu->diags[i].message);
	}
	w_u32(&w, (uint32_t)tu->ndecls);
	for (size_t i = 0; i < tu->ndecls; i++) {
		const struct pf_ir_decl *d = &tu->decls[i];
		w_u8(&w, d->kind);
		w_str(&w, d->name);
		w_str(&w, d->scope);
		w_str(&w, d->record.tag);
		w_str(&w, d->record.type);
		w_str(&w, d->type);
		w_str(&w, d->base_type);
		w_u8(&w, d->scalar);
		w_u8(&w, d->annotated);
		w_u8(&w, d->redecl);
		w_str(&w, d->category);
		w_str(&w, d->how);
		w_pos(&w, d->pos);
		w_pos(&w, d->insert);
	}
	w_bytes(&w, "END!", 4);
	pf_ptrmap_free(&w.strs);
	pf_ptrmap_free(&w.types);
	pf_ptrmap_free(&w.vars);
	pf_ptrmap_free(&w.decls);
	return w.err ? -1 : 0;
}

/* ---- reader ---- */

struct pf_rd {
	FILE *f;
	bool err;
	struct pf_ir_tu *tu;
	PF_VEC(const char *) strs;
	PF_VEC(struct pf_ir_type *) types;
	PF_VEC(struct pf_ir_var *) vars;
	unsigned depth;
	/* pf_ir_read_relative: absolute paths under this folder are shown
	 * relative to it; each string read once, its new form remembered */
	const char *under;
	size_t underlen;
	struct pf_ptrmap shown;
	struct pf_ir_shared *sh; /* pf_ir_read_shared: strings go there, or NULL */
};

/* What the units of one program share (pf_ir_read_shared). */
struct pf_ir_shared {
	size_t refs; /* the caller's, and one per unit read with it */
	struct pf_intern strings;
	/* the inventory's declarations kept so far, copies in `arena`; open
	 * addressing over pf_decl_hash, equal when every field is */
	struct pf_arena arena;
	const struct pf_ir_decl **decls;
	size_t ndecls, capdecls;
	char *buf; /* a string as read, before it is interned */
	size_t bufcap;
};

struct pf_ir_shared *pf_ir_shared_new(void)
{
	struct pf_ir_shared *sh = pf_xcalloc(1, sizeof(*sh));
	sh->refs = 1;
	pf_intern_init(&sh->strings);
	return sh;
}

void pf_ir_shared_release(struct pf_ir_shared *sh)
{
	if (!sh || --sh->refs)
		return;
	pf_intern_release(&sh->strings);
	pf_arena_release(&sh->arena);
	free(sh->decls);
	free(sh->buf);
	free(sh);
}

/* Strings are interned, so equal strings are equal pointers here. */
static uint64_t pf_decl_hash(const struct pf_ir_decl *d)
{
	const void *w[] = {d->name, d->scope,      d->type,        d->base_type, d->category,
	                   d->how,  d->record.tag, d->record.type, d->pos.file,  d->insert.file};
	uint64_t h = XXH3_64bits(w, sizeof(w));
	uint32_t v[] = {d->kind,     d->scalar,     d->annotated,   d->redecl,
	                d->pos.line, d->pos.column, d->insert.line, d->insert.column};
	return XXH3_64bits_withSeed(v, sizeof(v), h);
}

static bool pf_decl_same(const struct pf_ir_decl *a, const struct pf_ir_decl *b)
{
	return a->kind == b->kind && a->name == b->name && a->scope == b->scope &&
	       a->type == b->type && a->base_type == b->base_type && a->category == b->category &&
	       a->how == b->how && a->record.tag == b->record.tag &&
	       a->record.type == b->record.type && a->scalar == b->scalar &&
	       a->annotated == b->annotated && a->redecl == b->redecl &&
	       a->pos.file == b->pos.file && a->pos.line == b->pos.line &&
	       a->pos.column == b->pos.column && a->insert.file == b->insert.file &&
	       a->insert.line == b->insert.line && a->insert.column == b->insert.column;
}

static void pf_decls_grow(struct pf_ir_shared *sh)
{
	size_t ncap = sh->capdecls ? sh->capdecls * 2 : 1024;
	const struct pf_ir_decl **nd = pf_xcalloc(ncap, sizeof(*nd));
	for (size_t i = 0; i < sh->capdecls; i++) {
		if (!sh->decls[i])
			continue;
		size_t j = (size_t)pf_decl_hash(sh->decls[i]) & (ncap - 1);
		while (nd[j])
			j = (j + 1) & (ncap - 1);
		nd[j] = sh->decls[i];
	}
	free(sh->decls);
	sh->decls = nd;
	sh->capdecls = ncap;
}

/* The slot of d in sh's declarations: where it is, or the empty one where
 * it goes. */
static size_t pf_decl_slot(struct pf_ir_shared *sh, const struct pf_ir_decl *d)
{
	if ((sh->ndecls + 1) * 2 > sh->capdecls)
		pf_decls_grow(sh);
	size_t i = (size_t)pf_decl_hash(d) & (sh->capdecls - 1);
	while (sh->decls[i] && !pf_decl_same(sh->decls[i], d))
		i = (i + 1) & (sh->capdecls - 1);
	return i;
}

/* Whether a unit read earlier with sh recorded d already. */
static bool pf_decl_seen(struct pf_ir_shared *sh, const struct pf_ir_decl *d)
{
	if (!sh->decls)
		return false;
	size_t i = pf_decl_slot(sh, d); /* may grow the table: read it after */
	return sh->decls[i] != NULL;
}

/* Remembers the declarations of a unit read whole. */
static void pf_decls_add(struct pf_ir_shared *sh, const struct pf_ir_tu *tu)
{
	for (size_t k = 0; k < tu->ndecls; k++) {
		size_t i = pf_decl_slot(sh, &tu->decls[k]);
		if (sh->decls[i])
			continue; /* twice in this unit */
		struct pf_ir_decl *copy = PF_NEW(&sh->arena, struct pf_ir_decl);
		*copy = tu->decls[k];
		sh->decls[i] = copy;
		sh->ndecls++;
	}
}

static void r_bytes(struct pf_rd *r, void *p, size_t n)
{
	if (r->err || (n && fread(p, 1, n, r->f) != n)) {
		r->err = true;
		memset(p, 0, n);
	}
}

static uint32_t r_u32(struct pf_rd *r)
{
	unsigned char b[4];
	r_bytes(r, b, 4);
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static int r_i32(struct pf_rd *r)
{
	return (int)r_u32(r);
}

static unsigned r_u8(struct pf_rd *r)
{
	unsigned char b;
	r_bytes(r, &b, 1);
	return b;
}

static uint32_t r_count(struct pf_rd *r)
{
	uint32_t n = r_u32(r);
	if (n > PF_IO_MAX_COUNT)
		r->err = true;
	return r->err ? 0 : n;
}

/* Reads a reference as w_ref wrote it, to one of the n strings, types or
 * variables read so far: true when a new one follows; else *k is the
 * number of the one referred to, or n or more for NULL and errors. */
static bool r_ref(struct pf_rd *r, size_t n, size_t *k)
{
	uint32_t tag = r_u32(r);
	*k = SIZE_MAX;
	if (r->err || tag == 0)
		return false;
	if (tag == 1)
		return true;
	if (tag - 2 >= n)
		r->err = true;
	else
		*k = tag - 2;
	return false;
}

static const char *r_str(struct pf_rd *r)
{
	size_t k;
	if (!r_ref(r, r->strs.n, &k))
		return k < r->strs.n ? r->strs.v[k] : NULL;
	uint32_t n = r_u32(r);
	if (r->err || n > PF_IO_MAX_STRING) {
		r->err = true;
		return NULL;
	}
	struct pf_ir_shared *sh = r->sh;
	char *s;
	if (sh) {
		if (sh->bufcap < (size_t)n + 1) {
			sh->bufcap =
			    (size_t)n + 1 > 2 * sh->bufcap ? (size_t)n + 1 : 2 * sh->bufcap;
			sh->buf = pf_xrealloc(sh->buf, sh->bufcap);
		}
		s = sh->buf;
	} else {
		s = pf_arena_alloc(&r->tu->arena, (size_t)n + 1);
	}
	r_bytes(r, s, n);
	s[n] = '\0';
	if (r->err)
		return NULL;
	const char *kept = sh ? pf_intern_n(&sh->strings, s, strlen(s)) : s;
	PF_VEC_PUSH(r->strs, kept);
	return kept;
}

static const char *r_str_nonnull(struct pf_rd *r)
{
	const char *s = r_str(r);
	return s ? s : "";
}

/* A file path, or a link key "name@file" of a static name, as lowering in
 * r->under would have written it: an absolute path under that folder made
 * relative to it (pf_path_display's rule). Anything else is kept. */
static const char *r_shown(struct pf_rd *r, const char *s)
{
	if (!r->under || !s)
		return s;
	const char *done = pf_ptrmap_get(&r->shown, s);
	if (done)
		return done;
	const char *at = s[0] == '/' ? s : strstr(s, "@/");
	if (at && at[0] == '@')
		at++;
	const char *out = s;
	size_t n = r->underlen;
	char *shown = NULL;
	if (at && n == 1) /* the root: every path lies under it */
		shown = pf_xasprintf("%.*s%s", (int)(at - s), s, at + 1);
	else if (at && strncmp(at, r->under, n) == 0 && (at[n] == '/' || at[n] == '\0'))
		shown = pf_xasprintf("%.*s%s", (int)(at - s), s, at[n] ? at + n + 1 : ".");
	if (shown) {
		out = r->sh ? pf_intern(&r->sh->strings, shown)
		            : pf_arena_strdup(&r->tu->arena, shown);
		free(shown);
	}
	pf_ptrmap_put(&r->shown, s, (void *)out);
	return out;
}

/* A link key: shown as its file is. */
static const char *r_key(struct pf_rd *r)
{
	return r_shown(r, r_str(r));
}

static struct pf_ir_pos r_pos(struct pf_rd *r)
{
	struct pf_ir_pos p;
	p.file = r_shown(r, r_str_nonnull(r));
	p.line = r_u32(r);
	p.column = r_u32(r);
	return p;
}

static struct pf_ir_type *r_type(struct pf_rd *r)
{
	size_t k;
	if (!r_ref(r, r->types.n, &k))
		return k < r->types.n ? r->types.v[k] : NULL;
	if (++r->depth > PF_IO_MAX_DEPTH) {
		r->err = true;
		return NULL;
	}
	struct pf_ir_type *t = PF_NEW(&r->tu->arena, struct pf_ir_type);
	PF_VEC_PUSH(r->types, t);
	t->kind = r_u8(r);
	if (t->kind > PF_T_FUNCTION)
		r->err = true;
	t->spelling = r_str(r);
	t->target_const = r_u8(r);
	t->is_union = r_u8(r);
	t->complete = r_u8(r);
	t->no_pointer = r_u8(r);
	t->nparams = r_i32(r);
	t->variadic = r_u8(r);
	t->target = r_type(r);
	t->nfields = r_count(r);
	if (t->nfields) {
		t->fields = PF_NEW_N(&r->tu->arena, struct pf_ir_field, t->nfields);
		for (size_t i = 0; i < t->nfields && !r->err; i++) {
			t->fields[i].name = r_str_nonnull(r);
			t->fields[i].source = r_i32(r);
			t->fields[i].type = r_type(r);
		}
	}
	r->depth--;
	return t;
}

static bool r_source_ok(struct pf_rd *r, int s)
{
	return s >= -1 && (s < 0 || (size_t)s < r->tu->nsources);
}

static struct pf_ir_var *r_var(struct pf_rd *r)
{
	size_t k;
	if (!r_ref(r, r->vars.n, &k))
		return k < r->vars.n ? r->vars.v[k] : NULL;
	struct pf_ir_var *v = PF_NEW(&r->tu->arena, struct pf_ir_var);
	PF_VEC_PUSH(r->vars, v);
	v->kind = r_u8(r);
	if (v->kind > PF_V_GLOBAL)
		r->err = true;
	v->name = r_str_nonnull(r);
	v->type = r_type(r);
	v->index = r_i32(r);
	v->source = r_i32(r);
	v->key = r_key(r);
	if (!r_source_ok(r, v->source) || (v->kind == PF_V_GLOBAL && !v->key))
		r->err = true;
	return v;
}

static struct pf_ir_expr *r_expr(struct pf_rd *r)
{
	unsigned kind = r_u8(r);
	if (r->err || kind == 0xff)
		return NULL;
	if (kind > PF_E_VAARG || ++r->depth > PF_IO_MAX_DEPTH) {
		r->err = true;
		return NULL;
	}
	struct pf_ir_type *type = r_type(r);
	struct pf_ir_pos pos = r_pos(r);
	uint32_t nkids = r_count(r);
	struct pf_ir_expr *e = pf_ir_expr_new(r->tu, (enum pf_ir_ekind)kind, type, pos, nkids);
	switch (e->kind) {
	case PF_E_VAR:
		e->u.var = r_var(r);
		if (!e->u.var)
			r->err = true;
		break;
	case PF_E_FIELD:
		e->u.field.name = r_str_nonnull(r);
		e->u.field.arrow = r_u8(r);
		e->u.field.source = r_i32(r);
		e->u.field.index = r_i32(r);
		if (!r_source_ok(r, e->u.field.source) || nkids != 1)
			r->err = true;
		break;
	case PF_E_FUNC:
		e->u.func.key = r_shown(r, r_str_nonnull(r));
		e->u.func.name = r_str_nonnull(r);
		break;
	case PF_E_CALL:
		e->u.call.site = r_i32(r);
		if (nkids < 1)
			r->err = true;
		break;
	case PF_E_ASSIGN:
		e->u.assign.compound = r_u8(r);
		if (nkids != 2)
			r->err = true;
		break;
	case PF_E_INIT:
		e->u.init.is_array = r_u8(r);
		e->u.init.designator = PF_NEW_N(&r->tu->arena, const char *, nkids + 1);
		e->u.init.element = PF_NEW_N(&r->tu->arena, int, nkids + 1);
		for (unsigned i = 0; i < nkids && !r->err; i++) {
			e->u.init.designator[i] = r_str_nonnull(r);
			e->u.init.element[i] = r_i32(r);
		}
		break;
	case PF_E_STRING:
	case PF_E_CONST:
		e->u.text = r_str(r);
		break;
	case PF_E_DEREF:
	case PF_E_ADDR:
		if (nkids != 1)
			r->err = true;
		break;
	case PF_E_INDEX:
		if (nkids != 2)
			r->err = true;
		e->u.index.known = r_u8(r);
		e->u.index.value = r_i32(r);
		break;
	default:
		break;
	}
	for (unsigned i = 0; i < nkids && !r->err; i++) {
		e->kids[i] = r_expr(r);
		if (!e->kids[i])
			r->err = true;
	}
	r->depth--;
	return e;
}

static struct pf_ir_fdecl *r_fdecl(struct pf_rd *r)
{
	struct pf_ir_fdecl *d = PF_NEW(&r->tu->arena, struct pf_ir_fdecl);
	d->key = r_shown(r, r_str_nonnull(r));
	d->name = r_str_nonnull(r);
	d->is_static = r_u8(r);
	d->pos = r_pos(r);
	d->type = r_type(r);
	d->nparams = r_i32(r);
	if (d->nparams < 0 || d->nparams > 100000) {
		r->err = true;
		d->nparams = 0;
	}
	d->variadic = r_u8(r);
	d->ret_source = r_i32(r);
	d->sink_purpose = r_str(r);
	d->anonymizer = r_u8(r);
	d->consent_purpose = r_str(r);
	int n = d->nparams;
	d->param_sink = PF_NEW_N(&r->tu->arena, const char *, n + 1);
	d->param_source = PF_NEW_N(&r->tu->arena, int, n + 1);
	d->param_out_source = PF_NEW_N(&r->tu->arena, int, n + 1);
	d->param_const_pointee = PF_NEW_N(&r->tu->arena, bool, n + 1);
	d->param_names = PF_NEW_N(&r->tu->arena, const char *, n + 1);
	for (int i = 0; i < n && !r->err; i++) {
		d->param_sink[i] = r_str(r);
		d->param_source[i] = r_i32(r);
		d->param_out_source[i] = r_i32(r);
		d->param_const_pointee[i] = r_u8(r);
		d->param_names[i] = r_str_nonnull(r);
		if (!r_source_ok(r, d->param_source[i]) || !r_source_ok(r, d->param_out_source[i]))
			r->err = true;
	}
	if (!r_source_ok(r, d->ret_source) || !d->type)
		r->err = true;
	return d;
}

static struct pf_ir_func *r_func(struct pf_rd *r)
{
	struct pf_ir_func *fn = PF_NEW(&r->tu->arena, struct pf_ir_func);
	uint32_t di = r_u32(r);
	if (r->err || di >= r->tu->nfdecls) {
		r->err = true;
		return NULL;
	}
	fn->decl = r->tu->fdecls[di];
	fn->params = PF_NEW_N(&r->tu->arena, struct pf_ir_var *, fn->decl->nparams + 1);
	for (int i = 0; i < fn->decl->nparams && !r->err; i++)
		fn->params[i] = r_var(r);
	fn->nlocals = fn->caplocals = r_count(r);
	fn->locals = PF_NEW_N(&r->tu->arena, struct pf_ir_var *, fn->nlocals + 1);
	for (unsigned i = 0; i < fn->nlocals && !r->err; i++)
		fn->locals[i] = r_var(r);
	fn->ncallsites = r_u32(r);
	fn->nstmts = r_u32(r);
	fn->nblocks = fn->capblocks = r_count(r);
	if (r->err || fn->nblocks == 0) {
		r->err = true;
		return NULL;
	}
	fn->blocks = PF_NEW_N(&r->tu->arena, struct pf_ir_block, fn->nblocks);
	for (unsigned b = 0; b < fn->nblocks && !r->err; b++) {
		struct pf_ir_block *bl = &fn->blocks[b];
		bl->nstmts = bl->capstmts = r_count(r);
		bl->stmts = PF_NEW_N(&r->tu->arena, struct pf_ir_stmt, bl->nstmts + 1);
		for (unsigned s = 0; s < bl->nstmts && !r->err; s++) {
			bl->stmts[s].kind = r_u8(r);
			if (bl->stmts[s].kind > PF_S_RETURN)
				r->err = true;
			bl->stmts[s].expr = r_expr(r);
			bl->stmts[s].var = r_var(r);
			bl->stmts[s].pos = r_pos(r);
			if (bl->stmts[s].kind == PF_S_INIT &&
			    (!bl->stmts[s].var || !bl->stmts[s].expr))
				r->err = true;
			if (bl->stmts[s].kind == PF_S_EVAL && !bl->stmts[s].expr)
				r->err = true;
		}
		bl->term = r_u8(r);
		if (bl->term > PF_TERM_EXIT)
			r->err = true;
		bl->cond = r_expr(r);
		bl->succ[0] = r_i32(r);
		bl->succ[1] = r_i32(r);
		for (int k = 0; k < 2; k++)
			if (bl->succ[k] < -1 || bl->succ[k] >= (int)fn->nblocks)
				r->err = true;
	}
	return fn;
}

static struct pf_ir_tu *pf_ir_read_in(FILE *f, const char *under, struct pf_ir_shared *sh);

struct pf_ir_tu *pf_ir_read(FILE *f)
{
	return pf_ir_read_in(f, NULL, NULL);
}

struct pf_ir_tu *pf_ir_read_relative(FILE *f, const char *dir)
{
	return pf_ir_read_in(f, dir, NULL);
}

struct pf_ir_tu *pf_ir_read_shared(FILE *f, const char *dir, struct pf_ir_shared *sh)
{
	return pf_ir_read_in(f, dir, sh);
}

/* Appends to an array of the unit that will hold n items: allocated at
 * its size (PF_IR_PUSH doubles, leaving each smaller copy behind in the
 * arena), up to a size that a corrupt count cannot make costly; past it
 * the array doubles. */
#define R_PREALLOC_MAX 65536
#define R_PUSH(tu, arr, cnt, cap, n, item)                                                         \
	do {                                                                                       \
		if (!(cap) && (n)) {                                                               \
			(cap) = (n) < R_PREALLOC_MAX ? (n) : R_PREALLOC_MAX;                       \
			(arr) = pf_arena_alloc(&(tu)->arena, (cap) * sizeof(*(arr)));              \
		}                                                                                  \
		PF_IR_PUSH(tu, arr, cnt, cap, item);                                               \
	} while (0)

static struct pf_ir_tu *pf_ir_read_in(FILE *f, const char *under, struct pf_ir_shared *sh)
{
	struct pf_rd r = {.f = f,
	                  .tu = pf_ir_tu_new(),
	                  .under = under,
	                  .underlen = under ? strlen(under) : 0,
	                  .sh = sh};
	struct pf_ir_tu *tu = r.tu;
	if (sh) {
		sh->refs++;
		tu->shared = sh;
	}
	char magic[8];
	r_bytes(&r, magic, sizeof(magic));
	if (r.err || memcmp(magic, pf_magic, sizeof(magic)) != 0)
		goto fail;
	tu->file = r_shown(&r, r_str_nonnull(&r));
	tu->fatal = r_u8(&r);
	size_t n = r_count(&r);
	for (size_t i = 0; i < n && !r.err; i++) {
		struct pf_ir_source *s = PF_NEW(&tu->arena, struct pf_ir_source);
		s->kind = (enum pf_ir_srckind)r_u8(&r);
		s->record.tag = r_str_nonnull(&r);
		s->record.type = r_str_nonnull(&r);
		s->category = r_str(&r);
		if (s->kind > PF_IR_SRC_GLOBAL ||
		    (s->kind == PF_IR_SRC_DECLARED) != (s->category != NULL))
			r.err = true;
		s->name = r_str_nonnull(&r);
		s->function = r_str_nonnull(&r);
		s->how = r_str_nonnull(&r);
		s->pos = r_pos(&r);
		s->id = (int)i;
		R_PUSH(tu, tu->sources, tu->nsources, tu->capsources, n, s);
	}
	n = r_count(&r);
	for (size_t i = 0; i < n && !r.err; i++) {
		struct pf_ir_fdecl *d = r_fdecl(&r);
		R_PUSH(tu, tu->fdecls, tu->nfdecls, tu->capfdecls, n, d);
	}
	n = r_count(&r);
	for (size_t i = 0; i < n && !r.err; i++) {
		struct pf_ir_global *g = PF_NEW(&tu->arena, struct pf_ir_global);
		g->key = r_shown(&r, r_str_nonnull(&r));
		g->name = r_str_nonnull(&r);
		g->is_static = r_u8(&r);
		g->type = r_type(&r);
		g->source = r_i32(&r);
		g->pos = r_pos(&r);
		g->is_const = r_u8(&r);
		g->defined = r_u8(&r);
		g->initialized = r_u8(&r);
		g->one_char = r_u8(&r);
		g->init = r_expr(&r);
		if (!r_source_ok(&r, g->source))
			r.err = true;
		R_PUSH(tu, tu->globals, tu->nglobals, tu->capglobals, n, g);
	}
	n = r_count(&r);
	for (size_t i = 0; i < n && !r.err; i++) {
		struct pf_ir_var *v = r_var(&r);
		if (!v || v->kind != PF_V_GLOBAL)
			r.err = true;
		R_PUSH(tu, tu->global_refs, tu->nglobal_refs, tu->capglobal_refs, n, v);
	}
	n = r_count(&r);
	for (size_t i = 0; i < n && !r.err; i++) {
		struct pf_ir_func *fn = r_func(&r);
		if (fn)
			R_PUSH(tu, tu->funcs, tu->nfuncs, tu->capfuncs, n, fn);
	}
	n = r_count(&r);
	for (size_t i = 0; i < n && !r.err; i++) {
		const char *k = r_shown(&r, r_str_nonnull(&r));
		R_PUSH(tu, tu->addr_taken, tu->naddr_taken, tu->capaddr_taken, n, k);
	}
	n = r_count(&r);
	for (size_t i = 0; i < n && !r.err; i++) {
		const char *k = r_str_nonnull(&r);
		R_PUSH(tu, tu->refs, tu->nrefs, tu->caprefs, n, k);
	}
	n = r_count(&r);
	for (size_t i = 0; i < n && !r.err; i++) {
		const char *k = r_str_nonnull(&r);
		R_PUSH(tu, tu->includes, tu->nincludes, tu->capincludes, n, k);
	}
	n = r_count(&r);
	for (size_t i = 0; i < n && !r.err; i++) {
		struct pf_ir_diag d;
		d.rule = r_str_nonnull(&r);
		d.is_error = r_u8(&r);
		d.pos = r_pos(&r);
		d.message = r_str_nonnull(&r);
		R_PUSH(tu, tu->diags, tu->ndiags, tu->capdiags, n, d);
	}
	n = r_count(&r);
	PF_VEC(struct pf_ir_decl) kept = {0}; /* in the arena once their number is known */
	for (size_t i = 0; i < n && !r.err; i++) {
		struct pf_ir_decl d;
		d.kind = (enum pf_ir_dkind)r_u8(&r);
		d.name = r_str_nonnull(&r);
		d.scope = r_str_nonnull(&r);
		d.record.tag = r_str_nonnull(&r);
		d.record.type = r_str_nonnull(&r);
		d.type = r_str_nonnull(&r);
		d.base_type = r_str_nonnull(&r);
		d.scalar = r_u8(&r);
		d.annotated = r_u8(&r);
		d.redecl = r_u8(&r);
		d.category = r_str_nonnull(&r);
		d.how = r_str_nonnull(&r);
		d.pos = r_pos(&r);
		d.insert = r_pos(&r);
		if (d.kind > PF_D_FUNCTION)
			r.err = true;
		/* a header's declarations, recorded again by each unit that
		 * includes it, are kept once per program */
		if (!r.err && sh && pf_decl_seen(sh, &d))
			continue;
		PF_VEC_PUSH(kept, d);
	}
	if (kept.n) {
		tu->decls = PF_NEW_N(&tu->arena, struct pf_ir_decl, kept.n);
		memcpy(tu->decls, kept.v, kept.n * sizeof(*kept.v));
		tu->ndecls = tu->capdecls = kept.n;
	}
	PF_VEC_FREE(kept);
	char end[4];
	r_bytes(&r, end, 4);
	if (r.err || memcmp(end, "END!", 4) != 0 || fgetc(f) != EOF)
		goto fail;
	if (sh)
		pf_decls_add(sh, tu);
	PF_VEC_FREE(r.strs);
	PF_VEC_FREE(r.types);
	PF_VEC_FREE(r.vars);
	pf_ptrmap_free(&r.shown);
	return tu;
fail:
	PF_VEC_FREE(r.strs);
	PF_VEC_FREE(r.types);
	PF_VEC_FREE(r.vars);
	pf_ptrmap_free(&r.shown);
	pf_ir_tu_free(tu);
	return NULL;
}
