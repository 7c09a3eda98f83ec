/*
 * Declarations: types, annotations and the interfaces of functions and
 * globals. Annotations are read from the clang annotate attributes that
 * piiflow.h expands to ("piiflow:KIND:ARG"), from the typedefs a declaration
 * is written with. Fields and globals without annotation are recorded by
 * name, for the rules entries that may name them when the program is linked.
 */
#include "lower/lower_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/xalloc.h"

static const void *pf_cursor_key(CXCursor c)
{
	return clang_getCanonicalCursor(c).data[0];
}

/* ---- types ---- */

static char *pf_type_spelling(struct pf_lower_ctx *cx, CXType t)
{
	CXString s = clang_getTypeSpelling(t);
	char *copy = pf_arena_strdup(&cx->tu->arena, clang_getCString(s));
	clang_disposeString(s);
	return copy;
}

struct pf_field_visit {
	struct pf_lower_ctx *cx;
	struct pf_ir_type *rec;
	size_t cap;
};

static enum CXVisitorResult pf_field_visitor(CXCursor c, CXClientData data)
{
	struct pf_field_visit *v = data;
	struct pf_ir_type *rec = v->rec;
	if (rec->nfields == v->cap) {
		size_t ncap = v->cap ? v->cap * 2 : 8;
		struct pf_ir_field *nf = PF_NEW_N(&v->cx->tu->arena, struct pf_ir_field, ncap);
		if (rec->nfields)
			memcpy(nf, rec->fields, rec->nfields * sizeof(*nf));
		rec->fields = nf;
		v->cap = ncap;
	}
	struct pf_ir_field *f = &rec->fields[rec->nfields++];
	f->name = pf_lower_spelling(v->cx, c);
	f->type = pf_lower_type(v->cx, clang_getCursorType(c));
	f->source = pf_lower_field_source(v->cx, c);
	return CXVisit_Continue;
}

/* Whether t is spelled intptr_t or uintptr_t (through typedefs of them):
 * the integers meant to hold a pointer. */
static bool pf_is_intptr(CXType t)
{
	for (int i = 0; i < 16; i++) {
		if (t.kind == CXType_Elaborated) {
			t = clang_Type_getNamedType(t);
			continue;
		}
		if (t.kind != CXType_Typedef)
			return false;
		CXString s = clang_getTypedefName(t);
		const char *n = clang_getCString(s);
		bool hit = n && (strcmp(n, "intptr_t") == 0 || strcmp(n, "uintptr_t") == 0 ||
		                 strcmp(n, "__intptr_t") == 0 || strcmp(n, "__uintptr_t") == 0);
		clang_disposeString(s);
		if (hit)
			return true;
		t = clang_getTypedefDeclUnderlyingType(clang_getTypeDeclaration(t));
	}
	return false;
}

struct pf_ir_type *pf_lower_type(struct pf_lower_ctx *cx, CXType t)
{
	if (pf_is_intptr(t)) { /* one type for all of them: a scalar that may hold a pointer */
		if (!cx->intptr_type) {
			cx->intptr_type = PF_NEW(&cx->tu->arena, struct pf_ir_type);
			cx->intptr_type->kind = PF_T_SCALAR;
			cx->intptr_type->nparams = -1;
		}
		return cx->intptr_type;
	}
	CXType ct = clang_getCanonicalType(t);
	const void *key = ct.data[0];
	struct pf_ir_type *ty = key ? pf_ptrmap_get(&cx->types, key) : NULL;
	if (ty)
		return ty;
	ty = PF_NEW(&cx->tu->arena, struct pf_ir_type);
	ty->nparams = -1;
	if (key)
		pf_ptrmap_put(&cx->types, key, ty);
	switch (ct.kind) {
	case CXType_Void:
	case CXType_Invalid:
		ty->kind = PF_T_VOID;
		break;
	case CXType_Pointer:
	case CXType_BlockPointer: {
		ty->kind = PF_T_POINTER;
		CXType pt = clang_getPointeeType(ct);
		ty->target_const = clang_isConstQualifiedType(pt);
		ty->target = pf_lower_type(cx, pt);
		break;
	}
	case CXType_ConstantArray:
	case CXType_IncompleteArray:
	case CXType_VariableArray:
	case CXType_DependentSizedArray:
		ty->kind = PF_T_ARRAY;
		ty->target = pf_lower_type(cx, clang_getArrayElementType(ct));
		break;
	case CXType_Record: {
		ty->kind = PF_T_RECORD;
		CXCursor decl = clang_getTypeDeclaration(ct);
		ty->is_union = clang_getCursorKind(decl) == CXCursor_UnionDecl;
		ty->spelling = pf_type_spelling(cx, ct);
		struct pf_field_visit v = {cx, ty, 0};
		clang_Type_visitFields(ct, pf_field_visitor, &v);
		ty->complete = true;
		break;
	}
	case CXType_FunctionProto:
	case CXType_FunctionNoProto: {
		ty->kind = PF_T_FUNCTION;
		ty->spelling = pf_type_spelling(cx, ct);
		ty->target = pf_lower_type(cx, clang_getResultType(ct));
		int n = clang_getNumArgTypes(ct);
		ty->nparams = ct.kind == CXType_FunctionProto ? n : -1;
		ty->variadic = clang_isFunctionTypeVariadic(ct);
		break;
	}
	default:
		ty->kind = PF_T_SCALAR;
		ty->no_pointer = (ct.kind >= CXType_Bool && ct.kind <= CXType_LongDouble) ||
		                 ct.kind == CXType_Enum || ct.kind == CXType_Float128 ||
		                 ct.kind == CXType_Half || ct.kind == CXType_Float16;
		break;
	}
	return ty;
}

/* ---- annotations ---- */

/* The argument of the "piiflow:KIND..." annotation directly on decl ("" when
 * it has none), or NULL; kind NULL: any piiflow annotation. */
static const char *pf_find_annotation(struct pf_lower_ctx *cx, CXCursor decl, const char *kind,
                                      CXCursor *where)
{
	struct pf_cursors kids;
	pf_cursors_collect(decl, &kids);
	const char *found = NULL;
	size_t klen = kind ? strlen(kind) : 0;
	for (unsigned i = 0; i < kids.n && !found; i++) {
		if (clang_getCursorKind(kids.v[i]) != CXCursor_AnnotateAttr)
			continue;
		CXString s = clang_getCursorSpelling(kids.v[i]);
		const char *t = clang_getCString(s);
		if (t && strncmp(t, "piiflow:", 8) == 0 && !kind) {
			found = "";
		} else if (t && strncmp(t, "piiflow:", 8) == 0 && strncmp(t + 8, kind, klen) == 0 &&
		           (t[8 + klen] == ':' || t[8 + klen] == '\0')) {
			found =
			    pf_arena_strdup(&cx->tu->arena, t[8 + klen] == ':' ? t + 9 + klen : "");
			if (where)
				*where = kids.v[i];
		}
		clang_disposeString(s);
	}
	pf_cursors_release(&kids);
	return found;
}

/* The typedef chain of a declared type: a typedef may carry PII(...). */
static const char *pf_find_typedef_annotation(struct pf_lower_ctx *cx, CXType t, const char *kind,
                                              CXCursor *where)
{
	for (int guard = 0; guard < 16; guard++) {
		if (t.kind == CXType_Elaborated)
			t = clang_Type_getNamedType(t);
		if (t.kind != CXType_Typedef)
			return NULL;
		CXCursor td = clang_getTypeDeclaration(t);
		const char *a = pf_find_annotation(cx, td, kind, where);
		if (a)
			return a;
		t = clang_getTypedefDeclUnderlyingType(td);
	}
	return NULL;
}

static const char *pf_check_category(struct pf_lower_ctx *cx, const char *cat, CXCursor where)
{
	const struct pf_taxonomy *tx = cx->opts->taxonomy;
	if (tx && !pf_taxonomy_known(tx, cat)) {
		const char *near = pf_taxonomy_nearest(tx, cat);
		char msg[512];
		if (near)
			snprintf(msg, sizeof(msg),
			         "unknown personal-data category '%s'; did you mean '%s'?", cat,
			         near);
		else
			snprintf(msg, sizeof(msg), "unknown personal-data category '%s'", cat);
		pf_ir_add_diag(cx->tu, "unknown-category", false, pf_lower_pos(cx, where), msg);
	}
	return cat;
}

int pf_lower_annotation_source(struct pf_lower_ctx *cx, CXCursor decl, const char *kind,
                               const char *name)
{
	CXCursor where = decl;
	const char *cat = pf_find_annotation(cx, decl, kind, &where);
	if (!cat && strcmp(kind, "pii") == 0) {
		CXType t = clang_getCursorKind(decl) == CXCursor_FunctionDecl
		               ? clang_getCursorResultType(decl)
		               : clang_getCursorType(decl);
		cat = pf_find_typedef_annotation(cx, t, kind, &where);
	}
	if (!cat)
		return -1;
	pf_check_category(cx, cat, where);
	const char *fn = "";
	if (cx->fn_name && clang_getCursorKind(decl) != CXCursor_FieldDecl &&
	    clang_getCursorKind(decl) != CXCursor_FunctionDecl)
		fn = cx->fn_name;
	return pf_ir_add_source(cx->tu, cat, name, fn, "is declared personal data",
	                        pf_lower_pos(cx, decl));
}

const char *pf_lower_pii_category(struct pf_lower_ctx *cx, CXCursor decl)
{
	const char *cat = pf_find_annotation(cx, decl, "pii", NULL);
	if (!cat)
		cat = pf_find_annotation(cx, decl, "pii_out", NULL);
	if (!cat) {
		CXType t = clang_getCursorKind(decl) == CXCursor_FunctionDecl
		               ? clang_getCursorResultType(decl)
		               : clang_getCursorType(decl);
		cat = pf_find_typedef_annotation(cx, t, "pii", NULL);
	}
	return cat;
}

const char *pf_lower_annotation_purpose(struct pf_lower_ctx *cx, CXCursor decl, const char *kind)
{
	return pf_find_annotation(cx, decl, kind, NULL);
}

struct pf_ir_record_names pf_lower_record_names(struct pf_lower_ctx *cx, CXCursor rec)
{
	struct pf_ir_record_names n;
	n.tag = pf_lower_spelling(cx, rec);
	CXString ts = clang_getTypeSpelling(clang_getCursorType(rec));
	const char *tn = clang_getCString(ts);
	tn = tn ? tn : "";
	const char *p = strncmp(tn, "struct ", 7) == 0  ? tn + 7
	                : strncmp(tn, "union ", 6) == 0 ? tn + 6
	                                                : tn;
	n.type = pf_arena_strdup(&cx->tu->arena, p);
	clang_disposeString(ts);
	return n;
}

int pf_lower_field_source(struct pf_lower_ctx *cx, CXCursor field)
{
	const void *key = pf_cursor_key(field);
	intptr_t cached = (intptr_t)pf_ptrmap_get(&cx->fields, key);
	if (cached)
		return (int)cached - 2;
	char *name = pf_lower_spelling(cx, field);
	const char *saved_fn = cx->fn_name;
	cx->fn_name = NULL;
	int src = pf_lower_annotation_source(cx, field, "pii", name);
	cx->fn_name = saved_fn;
	if (src < 0) { /* a rules entry may name it: matched when linking */
		struct pf_ir_record_names rec =
		    pf_lower_record_names(cx, clang_getCursorSemanticParent(field));
		src = pf_ir_add_named(cx->tu, name, &rec, pf_lower_pos(cx, field));
	}
	pf_ptrmap_put(&cx->fields, key, (void *)(intptr_t)(src + 2));
	return src;
}

/* ---- functions and globals ---- */

static const char *pf_link_key(struct pf_lower_ctx *cx, CXCursor decl, const char *name,
                               bool is_static)
{
	if (!is_static)
		return name;
	CXCursor canon = clang_getCanonicalCursor(decl);
	struct pf_ir_pos pos = pf_lower_pos(cx, canon);
	return pf_arena_printf(&cx->tu->arena, "%s@%s", name, pos.file);
}

static void pf_merge_fdecl(struct pf_lower_ctx *cx, struct pf_ir_fdecl *d, CXCursor fn)
{
	int rs = pf_lower_annotation_source(cx, fn, "pii", d->name);
	if (rs >= 0)
		d->ret_source = rs;
	const char *p = pf_lower_annotation_purpose(cx, fn, "sink");
	if (p)
		d->sink_purpose = p;
	if (pf_lower_annotation_purpose(cx, fn, "anonymizer"))
		d->anonymizer = true;
	p = pf_lower_annotation_purpose(cx, fn, "consent");
	if (p)
		d->consent_purpose = p;
	int n = clang_Cursor_getNumArguments(fn);
	for (int i = 0; i < n && i < d->nparams; i++) {
		CXCursor parm = clang_Cursor_getArgument(fn, (unsigned)i);
		char *pname = pf_lower_spelling(cx, parm);
		if (*pname && !*d->param_names[i])
			d->param_names[i] = pname;
		const char *sp = pf_lower_annotation_purpose(cx, parm, "sink");
		if (sp)
			d->param_sink[i] = sp;
		int s = pf_lower_annotation_source(cx, parm, "pii", *pname ? pname : d->name);
		if (s >= 0)
			d->param_source[i] = s;
		s = pf_lower_annotation_source(cx, parm, "pii_out", *pname ? pname : d->name);
		if (s >= 0)
			d->param_out_source[i] = s;
	}
}

struct pf_ir_fdecl *pf_lower_fdecl(struct pf_lower_ctx *cx, CXCursor fn)
{
	const void *key = pf_cursor_key(fn);
	struct pf_ir_fdecl *d = pf_ptrmap_get(&cx->decls, key);
	if (d) {
		if (!clang_equalCursors(clang_getCanonicalCursor(fn), fn))
			pf_merge_fdecl(cx, d, fn);
		return d;
	}
	d = PF_NEW(&cx->tu->arena, struct pf_ir_fdecl);
	pf_ptrmap_put(&cx->decls, key, d);
	d->name = pf_lower_spelling(cx, fn);
	d->is_static = clang_Cursor_getStorageClass(fn) == CX_SC_Static;
	d->key = pf_link_key(cx, fn, d->name, d->is_static);
	d->pos = pf_lower_pos(cx, fn);
	d->type = pf_lower_type(cx, clang_getCursorType(fn));
	int n = clang_Cursor_getNumArguments(fn);
	d->nparams = n < 0 ? 0 : n;
	d->variadic = d->type->variadic;
	d->ret_source = -1;
	d->param_sink = PF_NEW_N(&cx->tu->arena, const char *, d->nparams + 1);
	d->param_source = PF_NEW_N(&cx->tu->arena, int, d->nparams + 1);
	d->param_out_source = PF_NEW_N(&cx->tu->arena, int, d->nparams + 1);
	d->param_const_pointee = PF_NEW_N(&cx->tu->arena, bool, d->nparams + 1);
	d->param_names = PF_NEW_N(&cx->tu->arena, const char *, d->nparams + 1);
	for (int i = 0; i < d->nparams; i++) {
		CXCursor parm = clang_Cursor_getArgument(fn, (unsigned)i);
		CXType pt = clang_getCanonicalType(clang_getCursorType(parm));
		d->param_const_pointee[i] = pt.kind == CXType_Pointer &&
		                            clang_isConstQualifiedType(clang_getPointeeType(pt));
		d->param_source[i] = -1;
		d->param_out_source[i] = -1;
		d->param_names[i] = "";
	}
	const char *saved = cx->fn_name;
	cx->fn_name = NULL;
	pf_merge_fdecl(cx, d, fn);
	/* later redeclarations in this TU add their annotations too */
	CXCursor canon = clang_getCanonicalCursor(fn);
	if (!clang_equalCursors(canon, fn))
		pf_merge_fdecl(cx, d, canon);
	cx->fn_name = saved;
	PF_IR_PUSH(cx->tu, cx->tu->fdecls, cx->tu->nfdecls, cx->tu->capfdecls, d);
	return d;
}

/* Adds to the unit's references the external function or global ref, once.
 * Declarations of system headers are kept too: a database may define what
 * it also installs as a system header (a library and its tools). */
static void pf_note_ref(struct pf_lower_ctx *cx, CXCursor ref)
{
	enum CXCursorKind k = clang_getCursorKind(ref);
	if ((k != CXCursor_FunctionDecl && k != CXCursor_VarDecl) ||
	    clang_getCursorLinkage(ref) != CXLinkage_External)
		return;
	const void *key = pf_cursor_key(ref);
	if (!key || pf_ptrmap_get(&cx->refs, key))
		return;
	const char *name = pf_lower_spelling(cx, ref);
	if (!*name)
		return;
	pf_ptrmap_put(&cx->refs, key, (void *)name);
	PF_IR_PUSH(cx->tu, cx->tu->refs, cx->tu->nrefs, cx->tu->caprefs, name);
}

/* In a global's initializer, one walk: functions named there (callback
 * tables, vtables) have their address taken, so calls through pointers of
 * their type may reach them, and every external name is a reference. */
static enum CXChildVisitResult pf_addr_visitor(CXCursor c, CXCursor parent, CXClientData data)
{
	struct pf_lower_ctx *cx = data;
	(void)parent;
	if (clang_getCursorKind(c) == CXCursor_DeclRefExpr) {
		CXCursor ref = clang_getCursorReferenced(c);
		if (clang_getCursorKind(ref) == CXCursor_FunctionDecl) {
			struct pf_ir_fdecl *d = pf_lower_fdecl(cx, ref);
			PF_IR_PUSH(cx->tu, cx->tu->addr_taken, cx->tu->naddr_taken,
			           cx->tu->capaddr_taken, d->key);
		}
		pf_note_ref(cx, ref);
	}
	return CXChildVisit_Recurse;
}

/* Each external function or global a DeclRefExpr under a function names. */
static enum CXChildVisitResult pf_refs_visitor(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	if (clang_getCursorKind(c) == CXCursor_DeclRefExpr)
		pf_note_ref(data, clang_getCursorReferenced(c));
	return CXChildVisit_Recurse;
}

void pf_lower_refs(struct pf_lower_ctx *cx, CXCursor c)
{
	clang_visitChildren(c, pf_refs_visitor, cx);
}

/* What an initializer holds that matters to flows: functions (callback
 * tables, trackers) and strings (endpoint URLs); counted up to a bound. */
struct pf_init_scan {
	unsigned nodes;
	bool wanted;
};

static enum CXChildVisitResult pf_init_visitor(CXCursor c, CXCursor parent, CXClientData data)
{
	struct pf_init_scan *sc = data;
	(void)parent;
	if (++sc->nodes > PF_LOWER_INIT_MAX)
		return CXChildVisit_Break;
	enum CXCursorKind k = clang_getCursorKind(c);
	if (k == CXCursor_StringLiteral)
		sc->wanted = true;
	else if (k == CXCursor_DeclRefExpr &&
	         clang_getCursorKind(clang_getCursorReferenced(c)) == CXCursor_FunctionDecl)
		sc->wanted = true;
	return CXChildVisit_Recurse;
}

/* Keeps the initializer of a global defined at file scope when it names
 * functions or strings, so that calls through its function pointers
 * resolve per object and URLs it holds are seen; initializers larger than
 * PF_LOWER_INIT_MAX nodes are left out (the global is then read as any
 * other, as before). */
static void pf_lower_global_init(struct pf_lower_ctx *cx, struct pf_ir_global *g, CXCursor init)
{
	if (g->init)
		return;
	struct pf_init_scan sc = {0, false};
	clang_visitChildren(init, pf_init_visitor, &sc);
	if (clang_getCursorKind(init) == CXCursor_StringLiteral)
		sc.wanted = true;
	if (!sc.wanted || sc.nodes > PF_LOWER_INIT_MAX)
		return;
	struct pf_ir_func *saved = cx->fn;
	cx->fn = NULL;
	g->init = pf_lower_expr(cx, init);
	cx->fn = saved;
}

struct pf_ir_global *pf_lower_global(struct pf_lower_ctx *cx, CXCursor var)
{
	const void *key = pf_cursor_key(var);
	struct pf_ir_global *g = pf_ptrmap_get(&cx->gvars, key);
	if (g) {
		if (cx->tu->sources[g->source]->kind != PF_IR_SRC_DECLARED) {
			/* an annotation on a later declaration */
			const char *saved = cx->fn_name;
			cx->fn_name = NULL;
			int src = pf_lower_annotation_source(cx, var, "pii", g->name);
			cx->fn_name = saved;
			if (src >= 0)
				g->source = src;
		}
		return g;
	}
	g = PF_NEW(&cx->tu->arena, struct pf_ir_global);
	pf_ptrmap_put(&cx->gvars, key, g);
	g->name = pf_lower_spelling(cx, var);
	CXCursor parent = clang_getCursorSemanticParent(var);
	bool local_static = clang_getCursorKind(parent) == CXCursor_FunctionDecl;
	g->is_static = local_static || clang_Cursor_getStorageClass(var) == CX_SC_Static;
	if (local_static) {
		char *fname = pf_lower_spelling(cx, parent);
		struct pf_ir_pos pos = pf_lower_pos(cx, clang_getCanonicalCursor(var));
		g->key = pf_arena_printf(&cx->tu->arena, "%s.%s@%s", fname, g->name, pos.file);
	} else {
		g->key = pf_link_key(cx, var, g->name, g->is_static);
	}
	g->type = pf_lower_type(cx, clang_getCursorType(var));
	g->pos = pf_lower_pos(cx, var);
	/* the canonical type of `const T a[]` is a const array whose element
	 * type is T: the qualifier is on the array, so each level is asked */
	CXType ct = clang_getCanonicalType(clang_getCursorType(var));
	g->is_const = clang_isConstQualifiedType(ct) != 0;
	while (ct.kind == CXType_ConstantArray || ct.kind == CXType_IncompleteArray) {
		ct = clang_getCanonicalType(clang_getArrayElementType(ct));
		g->is_const = g->is_const || clang_isConstQualifiedType(ct) != 0;
	}
	const char *saved = cx->fn_name;
	cx->fn_name = NULL;
	g->source = pf_lower_annotation_source(cx, var, "pii", g->name);
	cx->fn_name = saved;
	if (g->source < 0) /* a rules entry may name it: matched when linking */
		g->source = pf_ir_add_named(cx->tu, g->name, NULL, g->pos);
	PF_IR_PUSH(cx->tu, cx->tu->globals, cx->tu->nglobals, cx->tu->capglobals, g);
	return g;
}

struct pf_ir_var *pf_lower_global_ref(struct pf_lower_ctx *cx, CXCursor var)
{
	struct pf_ir_global *g = pf_lower_global(cx, var);
	struct pf_ir_var *v = PF_NEW(&cx->tu->arena, struct pf_ir_var);
	v->kind = PF_V_GLOBAL;
	v->name = g->name;
	v->type = g->type;
	v->source = g->source;
	v->key = g->key;
	v->index = -1;
	PF_IR_PUSH(cx->tu, cx->tu->global_refs, cx->tu->nglobal_refs, cx->tu->capglobal_refs, v);
	return v;
}

/* Whether a function declaration carries a piiflow annotation, on itself
 * or on one of its parameters. */
static bool pf_has_annotation(struct pf_lower_ctx *cx, CXCursor decl)
{
	if (pf_find_annotation(cx, decl, NULL, NULL))
		return true;
	int n = clang_Cursor_getNumArguments(decl);
	for (int i = 0; i < n; i++)
		if (pf_find_annotation(cx, clang_Cursor_getArgument(decl, (unsigned)i), NULL, NULL))
			return true;
	return false;
}

/* Whether t is an array of one character (the definition's type: a header
 * may declare it `extern char a[];`). */
static bool pf_one_char_array(CXType t)
{
	CXType ct = clang_getCanonicalType(t);
	if (ct.kind != CXType_ConstantArray || clang_getArraySize(ct) != 1)
		return false;
	enum CXTypeKind k = clang_getCanonicalType(clang_getArrayElementType(ct)).kind;
	return k == CXType_Char_S || k == CXType_Char_U || k == CXType_SChar || k == CXType_UChar;
}

/* A TU's IR holds the functions it defines and the ones it uses, not every
 * prototype its headers declare: a declaration is lowered when the TU calls
 * or takes the address of the function, or when it carries an annotation
 * (which later uses merge). Static functions defined in headers are lowered
 * once something lowered uses them. */
static enum CXChildVisitResult pf_tu_visitor(CXCursor c, CXCursor parent, CXClientData data)
{
	struct pf_lower_ctx *cx = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	if (k == CXCursor_FunctionDecl) {
		CXSourceLocation loc = clang_getCursorLocation(c);
		bool body = clang_isCursorDefinition(c) && !clang_Location_isInSystemHeader(loc);
		bool used = pf_ptrmap_get(&cx->decls, pf_cursor_key(c)) != NULL;
		if (body && !used && clang_Cursor_getStorageClass(c) == CX_SC_Static &&
		    !clang_Location_isFromMainFile(loc)) {
			PF_VEC_PUSH(cx->deferred, c);
			return CXChildVisit_Continue;
		}
		if (!body && !used && !pf_has_annotation(cx, c))
			return CXChildVisit_Continue;
		struct pf_ir_fdecl *d = pf_lower_fdecl(cx, c);
		if (body)
			pf_lower_function_body(cx, c, d);
	} else if (k == CXCursor_VarDecl) {
		struct pf_ir_global *g = pf_lower_global(cx, c);
		CXCursor init = clang_Cursor_getVarDeclInitializer(c);
		/* a definition, or a tentative one (`int x;` at file scope,
		 * which libclang does not count as a definition) */
		if (clang_isCursorDefinition(c) ||
		    clang_Cursor_getStorageClass(c) != CX_SC_Extern) {
			g->defined = true;
			g->one_char = pf_one_char_array(clang_getCursorType(c));
		}
		if (clang_isCursorDefinition(c) && !clang_Cursor_isNull(init)) {
			g->initialized = true;
			clang_visitChildren(c, pf_addr_visitor, cx);
			pf_lower_global_init(cx, g, init);
		}
	} else if (k == CXCursor_LinkageSpec || k == CXCursor_UnexposedDecl) {
		return CXChildVisit_Recurse;
	}
	return CXChildVisit_Continue;
}

/* ---- annotations in the wrong place ---- */

/* What each annotation goes on (SPEC section 1); PII goes on anything. */
static const struct {
	const char *kind, *macro, *goes_on;
	bool on_function, on_param;
} pf_annotation_places[] = {
    {"pii_out", "PII_OUT", "a pointer parameter", false, true},
    {"sink", "PII_SINK (AD_SINK, ANALYTICS_SINK)", "a function or a function parameter", true,
     true},
    {"anonymizer", "PII_ANONYMIZER", "a function", true, false},
    {"consent", "PII_CONSENT", "a function returning an integer or bool", true, false},
};

static const char *pf_decl_kind_name(enum CXCursorKind k)
{
	switch (k) {
	case CXCursor_FieldDecl:
		return "a struct or union field";
	case CXCursor_VarDecl:
		return "a variable";
	case CXCursor_ParmDecl:
		return "a parameter";
	case CXCursor_FunctionDecl:
		return "a function";
	case CXCursor_TypedefDecl:
		return "a typedef";
	case CXCursor_StructDecl:
	case CXCursor_UnionDecl:
		return "a struct or union";
	case CXCursor_EnumConstantDecl:
		return "an enumerator";
	default:
		return "this declaration";
	}
}

/* A piiflow annotation on a declaration it has no meaning on (PII_CONSENT
 * on a field, PII_ANONYMIZER on a variable) would be ignored without a
 * word: warn where it is written. */
static void pf_check_annotation_place(struct pf_lower_ctx *cx, CXCursor attr, CXCursor decl)
{
	CXString s = clang_getCursorSpelling(attr);
	const char *t = clang_getCString(s);
	enum CXCursorKind k = clang_getCursorKind(decl);
	for (size_t i = 0; t && strncmp(t, "piiflow:", 8) == 0 &&
	                   i < sizeof(pf_annotation_places) / sizeof(pf_annotation_places[0]);
	     i++) {
		size_t n = strlen(pf_annotation_places[i].kind);
		if (strncmp(t + 8, pf_annotation_places[i].kind, n) != 0 ||
		    (t[8 + n] != ':' && t[8 + n] != '\0'))
			continue;
		bool ok = (k == CXCursor_FunctionDecl && pf_annotation_places[i].on_function) ||
		          (k == CXCursor_ParmDecl && pf_annotation_places[i].on_param);
		if (!ok) {
			char msg[512];
			snprintf(msg, sizeof(msg),
			         "%s on %s has no effect and is ignored: it goes on %s",
			         pf_annotation_places[i].macro, pf_decl_kind_name(k),
			         pf_annotation_places[i].goes_on);
			pf_ir_add_diag(cx->tu, "misplaced-annotation", false,
			               pf_lower_pos(cx, decl), msg);
		}
	}
	clang_disposeString(s);
}

/* Declarations, fields and parameters, not function bodies: annotations
 * sit on declarations. */
static enum CXChildVisitResult pf_place_visitor(CXCursor c, CXCursor parent, CXClientData data)
{
	struct pf_lower_ctx *cx = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	if (k == CXCursor_AnnotateAttr) {
		pf_check_annotation_place(cx, c, parent);
		return CXChildVisit_Continue;
	}
	if (clang_isDeclaration(k) && !clang_Location_isInSystemHeader(clang_getCursorLocation(c)))
		return CXChildVisit_Recurse;
	return CXChildVisit_Continue;
}

void pf_lower_translation_unit(struct pf_lower_ctx *cx, CXCursor root)
{
	clang_visitChildren(root, pf_place_visitor, cx);
	clang_visitChildren(root, pf_tu_visitor, cx);
	/* the header statics something uses, and those they use in turn */
	bool *done = pf_xcalloc(cx->deferred.n + 1, sizeof(bool));
	for (bool progress = true; progress;) {
		progress = false;
		for (size_t i = 0; i < cx->deferred.n; i++) {
			CXCursor c = cx->deferred.v[i];
			if (done[i] || !pf_ptrmap_get(&cx->decls, pf_cursor_key(c)))
				continue;
			done[i] = true;
			progress = true;
			pf_lower_function_body(cx, c, pf_lower_fdecl(cx, c));
		}
	}
	free(done);
	PF_VEC_FREE(cx->deferred);
}
