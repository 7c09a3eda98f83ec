/*
 * Expressions: libclang's expression cursors become pf_ir_expr trees that
 * keep only what moves data: which variable, field or element is named,
 * what is dereferenced or has its address taken, what is called, and which
 * values are combined. Operators are read with libclang 17's operator-kind
 * functions, never from tokens.
 */
#include "lower/lower_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PF_MAX_EXPR_DEPTH 50000

static struct pf_ir_expr *pf_const(struct pf_lower_ctx *cx, CXCursor c)
{
	return pf_ir_expr_new(cx->tu, PF_E_CONST, NULL, (struct pf_ir_pos){0}, 0);
}

static bool pf_is_expr(CXCursor c)
{
	return clang_isExpression(clang_getCursorKind(c)) != 0;
}

/* Whether t is the compiler's va_list: an array of, or a pointer to (a
 * va_list parameter), the record __va_list_tag (x86-64) or __va_list
 * (AArch64). Where va_list is a plain char pointer (i386, 32-bit Arm) no
 * type tells it apart. */
static bool pf_is_va_list(CXType t)
{
	t = clang_getCanonicalType(t);
	if (t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray)
		t = clang_getCanonicalType(clang_getArrayElementType(t));
	else if (t.kind == CXType_Pointer)
		t = clang_getCanonicalType(clang_getPointeeType(t));
	if (t.kind != CXType_Record)
		return false;
	CXString name = clang_getCursorSpelling(clang_getTypeDeclaration(t));
	const char *s = clang_getCString(name);
	bool va = s && (strcmp(s, "__va_list_tag") == 0 || strcmp(s, "__va_list") == 0);
	clang_disposeString(name);
	return va;
}

/* Whether c, whose one operand is kid, is va_arg(list, T): libclang
 * exposes it as an expression of no kind of its own whose operand is a
 * va_list and whose type, T, is not (the decay of a va_list array to a
 * pointer is such an expression too, of a va_list type). */
static bool pf_is_va_arg(CXCursor c, CXCursor kid)
{
	return clang_getCursorKind(c) == CXCursor_UnexposedExpr &&
	       pf_is_va_list(clang_getCursorType(kid)) && !pf_is_va_list(clang_getCursorType(c));
}

CXCursor pf_lower_strip(CXCursor c)
{
	for (int guard = 0; guard < 64; guard++) {
		enum CXCursorKind k = clang_getCursorKind(c);
		if (k != CXCursor_ParenExpr && k != CXCursor_UnexposedExpr)
			return c;
		struct pf_cursors kids;
		pf_cursors_collect(c, &kids);
		bool one = kids.n == 1 && pf_is_expr(kids.v[0]) && !pf_is_va_arg(c, kids.v[0]);
		CXCursor next = one ? kids.v[0] : c;
		pf_cursors_release(&kids);
		if (!one)
			return c;
		c = next;
	}
	return c;
}

static struct pf_ir_type *pf_etype(struct pf_lower_ctx *cx, CXCursor c)
{
	return pf_lower_type(cx, clang_getCursorType(c));
}

/* A value made of every expression child of c (va_arg's operand is the
 * list it reads from, PF_E_VAARG). */
static struct pf_ir_expr *pf_combine_kids(struct pf_lower_ctx *cx, CXCursor c,
                                          enum pf_ir_ekind kind)
{
	struct pf_cursors kids;
	pf_cursors_collect(c, &kids);
	unsigned n = 0, first = 0;
	for (unsigned i = 0; i < kids.n; i++)
		if (pf_is_expr(kids.v[i]) && n++ == 0)
			first = i;
	if (n == 1 && kind == PF_E_COMBINE && pf_is_va_arg(c, kids.v[first]))
		kind = PF_E_VAARG;
	struct pf_ir_expr *e;
	if (n == 0) {
		e = pf_const(cx, c);
	} else if (n == 1 && kind == PF_E_COMBINE) {
		e = pf_lower_expr(cx, kids.v[first]);
	} else {
		e = pf_ir_expr_new(cx->tu, kind, pf_etype(cx, c), (struct pf_ir_pos){0}, n);
		unsigned j = 0;
		for (unsigned i = 0; i < kids.n; i++)
			if (pf_is_expr(kids.v[i]))
				e->kids[j++] = pf_lower_expr(cx, kids.v[i]);
	}
	pf_cursors_release(&kids);
	return e;
}

static struct pf_ir_expr *pf_decl_ref(struct pf_lower_ctx *cx, CXCursor c)
{
	CXCursor ref = clang_getCursorReferenced(c);
	enum CXCursorKind k = clang_getCursorKind(ref);
	if (k == CXCursor_VarDecl || k == CXCursor_ParmDecl) {
		struct pf_ir_var *v;
		if (k == CXCursor_VarDecl && clang_Cursor_hasVarDeclGlobalStorage(ref) == 1)
			v = pf_lower_global_ref(cx, ref);
		else
			v = cx->fn ? pf_lower_local(cx, ref) : NULL;
		if (!v)
			return pf_const(cx, c);
		struct pf_ir_expr *e =
		    pf_ir_expr_new(cx->tu, PF_E_VAR, v->type, (struct pf_ir_pos){0}, 0);
		e->u.var = v;
		return e;
	}
	if (k == CXCursor_FunctionDecl) {
		struct pf_ir_fdecl *d = pf_lower_fdecl(cx, ref);
		struct pf_ir_expr *e =
		    pf_ir_expr_new(cx->tu, PF_E_FUNC, d->type, pf_lower_pos(cx, c), 0);
		e->u.func.key = d->key;
		e->u.func.name = d->name;
		return e;
	}
	if (k == CXCursor_EnumConstantDecl) {
		/* kept by name: a library model may need it (CURLOPT_URL) */
		struct pf_ir_expr *e = pf_const(cx, c);
		e->u.text = pf_lower_spelling(cx, ref);
		return e;
	}
	return pf_const(cx, c);
}

/* A string literal keeps its value: the endpoint catalog matches URLs and
 * host names written in the code, and rules' "when" matches short literal
 * arguments (getenv("USER")). Kept are plain literals that look like a URL
 * or a host name, and short ones without escapes; escapes other than \\
 * and \" end the value. */
#define PF_LOWER_SHORT_LITERAL 64

static struct pf_ir_expr *pf_string(struct pf_lower_ctx *cx, CXCursor c)
{
	struct pf_ir_expr *e =
	    pf_ir_expr_new(cx->tu, PF_E_STRING, pf_etype(cx, c), (struct pf_ir_pos){0}, 0);
	CXString sp = clang_getCursorSpelling(c);
	const char *t = clang_getCString(sp);
	if (t) {
		while (*t && *t != '"')
			t++; /* u8"...", L"..." */
		if (*t == '"') {
			t++;
			size_t n = strcspn(t, "\\\"");
			if ((n < 4096 && (memchr(t, '.', n) || strstr(t, "://"))) ||
			    (n <= PF_LOWER_SHORT_LITERAL && t[n] == '"')) {
				char *v = pf_arena_strndup(&cx->tu->arena, t, n);
				e->u.text = v;
			}
		}
	}
	clang_disposeString(sp);
	return e;
}

static struct pf_ir_expr *pf_member(struct pf_lower_ctx *cx, CXCursor c)
{
	struct pf_cursors kids;
	pf_cursors_collect(c, &kids);
	struct pf_ir_expr *base = NULL;
	bool arrow = false;
	for (unsigned i = 0; i < kids.n && !base; i++) {
		if (!pf_is_expr(kids.v[i]))
			continue;
		CXType bt = clang_getCanonicalType(clang_getCursorType(kids.v[i]));
		arrow = bt.kind == CXType_Pointer;
		base = pf_lower_expr(cx, kids.v[i]);
	}
	pf_cursors_release(&kids);
	if (!base)
		return pf_const(cx, c);
	CXCursor field = clang_getCursorReferenced(c);
	struct pf_ir_expr *e =
	    pf_ir_expr_new(cx->tu, PF_E_FIELD, pf_etype(cx, c), (struct pf_ir_pos){0}, 1);
	e->kids[0] = base;
	e->u.field.name = pf_lower_spelling(cx, c);
	e->u.field.arrow = arrow;
	e->u.field.source = clang_getCursorKind(field) == CXCursor_FieldDecl
	                        ? pf_lower_field_source(cx, field)
	                        : -1;
	return e;
}

static bool pf_has_array_type(CXCursor c)
{
	CXType t = clang_getCanonicalType(clang_getCursorType(c));
	return t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray ||
	       t.kind == CXType_VariableArray;
}

/* The value of an integer constant expression (0, 1, `true` from
 * stdbool.h, an enumerator, a character constant); false when c is none. */
bool pf_lower_int_const(CXCursor c, long long *value)
{
	c = pf_lower_strip(c);
	if (!clang_isExpression(clang_getCursorKind(c)))
		return false;
	CXEvalResult r = clang_Cursor_Evaluate(c);
	bool ok = false;
	if (r) {
		ok = clang_EvalResult_getKind(r) == CXEval_Int;
		if (ok)
			*value = clang_EvalResult_getAsLongLong(r);
		clang_EvalResult_dispose(r);
	}
	return ok;
}

/* An array index that is an integer constant expression (a table indexed
 * by a constant resolves to that element); false for any other index. */
static bool pf_const_index(CXCursor c, long long *value)
{
	return pf_lower_int_const(c, value) && *value >= 0 && *value < PF_LOWER_INDEX_MAX;
}

static struct pf_ir_expr *pf_subscript(struct pf_lower_ctx *cx, CXCursor c)
{
	struct pf_cursors kids;
	pf_cursors_collect(c, &kids);
	if (kids.n != 2) {
		pf_cursors_release(&kids);
		return pf_combine_kids(cx, c, PF_E_COMBINE);
	}
	CXCursor base = pf_lower_strip(kids.v[0]);
	CXCursor idx = kids.v[1];
	struct pf_ir_expr *e;
	if (pf_has_array_type(base)) {
		e = pf_ir_expr_new(cx->tu, PF_E_INDEX, pf_etype(cx, c), (struct pf_ir_pos){0}, 2);
		e->kids[0] = pf_lower_expr(cx, base);
		e->kids[1] = pf_lower_expr(cx, idx);
		e->u.index.known = pf_const_index(idx, &e->u.index.value);
	} else if (pf_has_array_type(pf_lower_strip(idx))) {
		/* 1[a] */
		e = pf_ir_expr_new(cx->tu, PF_E_INDEX, pf_etype(cx, c), (struct pf_ir_pos){0}, 2);
		e->kids[0] = pf_lower_expr(cx, pf_lower_strip(idx));
		e->kids[1] = pf_lower_expr(cx, kids.v[0]);
		e->u.index.known = pf_const_index(kids.v[0], &e->u.index.value);
	} else {
		struct pf_ir_expr *sum = pf_ir_expr_new(
		    cx->tu, PF_E_COMBINE, pf_etype(cx, kids.v[0]), (struct pf_ir_pos){0}, 2);
		sum->kids[0] = pf_lower_expr(cx, kids.v[0]);
		sum->kids[1] = pf_lower_expr(cx, idx);
		e = pf_ir_expr_new(cx->tu, PF_E_DEREF, pf_etype(cx, c), (struct pf_ir_pos){0}, 1);
		e->kids[0] = sum;
	}
	pf_cursors_release(&kids);
	return e;
}

static struct pf_ir_expr *pf_unary(struct pf_lower_ctx *cx, CXCursor c)
{
	struct pf_cursors kids;
	pf_cursors_collect(c, &kids);
	if (kids.n != 1) {
		pf_cursors_release(&kids);
		return pf_combine_kids(cx, c, PF_E_COMBINE);
	}
	struct pf_ir_expr *sub = pf_lower_expr(cx, kids.v[0]);
	pf_cursors_release(&kids);
	enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(c);
	enum pf_ir_ekind kind;
	switch (op) {
	case CXUnaryOperator_AddrOf:
		kind = PF_E_ADDR;
		break;
	case CXUnaryOperator_Deref:
		kind = PF_E_DEREF;
		break;
	default:
		/* ++, --, -, ~, !, __real__, __extension__: the operand's data */
		return sub;
	}
	struct pf_ir_expr *e =
	    pf_ir_expr_new(cx->tu, kind, pf_etype(cx, c), (struct pf_ir_pos){0}, 1);
	e->kids[0] = sub;
	return e;
}

static struct pf_ir_expr *pf_binary(struct pf_lower_ctx *cx, CXCursor c, bool compound)
{
	struct pf_cursors kids;
	pf_cursors_collect(c, &kids);
	if (kids.n != 2) {
		pf_cursors_release(&kids);
		return pf_combine_kids(cx, c, PF_E_COMBINE);
	}
	enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(c);
	enum pf_ir_ekind kind = PF_E_COMBINE;
	if (compound || op == CXBinaryOperator_Assign)
		kind = PF_E_ASSIGN;
	else if (op == CXBinaryOperator_Comma)
		kind = PF_E_SEQ;
	struct pf_ir_expr *e =
	    pf_ir_expr_new(cx->tu, kind, pf_etype(cx, c), (struct pf_ir_pos){0}, 2);
	e->kids[0] = pf_lower_expr(cx, kids.v[0]);
	e->kids[1] = pf_lower_expr(cx, kids.v[1]);
	if (kind == PF_E_ASSIGN) {
		e->u.assign.compound = compound;
		e->pos = pf_lower_pos(cx, c);
	}
	pf_cursors_release(&kids);
	return e;
}

static struct pf_ir_expr *pf_call(struct pf_lower_ctx *cx, CXCursor c)
{
	int nargs = clang_Cursor_getNumArguments(c);
	if (nargs < 0)
		nargs = 0;
	struct pf_cursors kids;
	pf_cursors_collect(c, &kids);
	struct pf_ir_expr *callee = NULL;
	if (kids.n > 0 && pf_is_expr(kids.v[0]))
		callee = pf_lower_expr(cx, kids.v[0]);
	pf_cursors_release(&kids);
	if (!callee)
		callee = pf_const(cx, c);
	struct pf_ir_expr *e = pf_ir_expr_new(cx->tu, PF_E_CALL, pf_etype(cx, c),
	                                      pf_lower_pos(cx, c), (unsigned)nargs + 1);
	e->kids[0] = callee;
	for (int i = 0; i < nargs; i++)
		e->kids[i + 1] = pf_lower_expr(cx, clang_Cursor_getArgument(c, (unsigned)i));
	e->u.call.site = cx->fn ? (int)cx->fn->ncallsites++ : 0;
	return e;
}

/* c ? a : b: the value is a's or b's; c is evaluated but its data does not
 * flow into the value (data, not control dependence). */
static struct pf_ir_expr *pf_conditional(struct pf_lower_ctx *cx, CXCursor c)
{
	struct pf_cursors kids;
	pf_cursors_collect(c, &kids);
	if (kids.n != 3) {
		pf_cursors_release(&kids);
		return pf_combine_kids(cx, c, PF_E_COMBINE);
	}
	struct pf_ir_expr *both =
	    pf_ir_expr_new(cx->tu, PF_E_COMBINE, pf_etype(cx, c), (struct pf_ir_pos){0}, 2);
	both->kids[0] = pf_lower_expr(cx, kids.v[1]);
	both->kids[1] = pf_lower_expr(cx, kids.v[2]);
	struct pf_ir_expr *seq =
	    pf_ir_expr_new(cx->tu, PF_E_SEQ, both->type, (struct pf_ir_pos){0}, 2);
	seq->kids[0] = pf_lower_expr(cx, kids.v[0]);
	seq->kids[1] = both;
	pf_cursors_release(&kids);
	return seq;
}

/* { .a.b = x, [2] = y, z }: each entry keeps the field path it initializes. */
static struct pf_ir_expr *pf_init_list(struct pf_lower_ctx *cx, CXCursor c)
{
	struct pf_cursors kids;
	pf_cursors_collect(c, &kids);
	CXType t = clang_getCanonicalType(clang_getCursorType(c));
	bool is_array = t.kind != CXType_Record;
	struct pf_ir_type *ty = pf_lower_type(cx, t);
	struct pf_ir_expr *e = pf_ir_expr_new(cx->tu, PF_E_INIT, ty, (struct pf_ir_pos){0}, kids.n);
	e->u.init.designator = PF_NEW_N(&cx->tu->arena, const char *, kids.n + 1);
	e->u.init.element = PF_NEW_N(&cx->tu->arena, int, kids.n + 1);
	e->u.init.is_array = is_array;
	unsigned positional = 0;
	long long next_element = 0; /* arrays: the element a positional entry sets */
	for (unsigned i = 0; i < kids.n; i++) {
		CXCursor k = kids.v[i];
		const char *path = "";
		CXCursor value = k;
		if (clang_getCursorKind(k) == CXCursor_UnexposedExpr) {
			/* a designated initializer: designators, then the value */
			struct pf_cursors d;
			pf_cursors_collect(k, &d);
			bool designated =
			    d.n >= 2 &&
			    (clang_getCursorKind(d.v[0]) == CXCursor_MemberRef || is_array);
			if (designated && is_array) {
				long long at = -1;
				next_element = pf_const_index(d.v[0], &at) ? at : -1;
			}
			if (designated) {
				char buf[512] = "";
				size_t len = 0;
				for (unsigned j = 0; j + 1 < d.n; j++) {
					if (clang_getCursorKind(d.v[j]) != CXCursor_MemberRef)
						continue;
					CXString s = clang_getCursorSpelling(d.v[j]);
					int w = snprintf(buf + len, sizeof(buf) - len, "%s%s",
					                 len ? "." : "", clang_getCString(s));
					clang_disposeString(s);
					if (w > 0 && (size_t)w < sizeof(buf) - len)
						len += (size_t)w;
				}
				path = pf_arena_strdup(&cx->tu->arena, buf);
				value = d.v[d.n - 1];
			}
			pf_cursors_release(&d);
			if (!designated)
				value = k;
		}
		if (!*path && !is_array && ty->kind == PF_T_RECORD && positional < ty->nfields)
			path = ty->fields[positional].name;
		positional++;
		e->u.init.element[i] =
		    is_array && next_element >= 0 && next_element < PF_LOWER_INDEX_MAX
		        ? (int)next_element
		        : -1;
		if (next_element >= 0)
			next_element++;
		e->u.init.designator[i] = path;
		e->kids[i] = pf_lower_expr(cx, value);
	}
	pf_cursors_release(&kids);
	return e;
}

/* ({ stmt; stmt; value; }): the statements run, the last one is the value. */
static struct pf_ir_expr *pf_stmt_expr(struct pf_lower_ctx *cx, CXCursor c)
{
	struct pf_cursors kids;
	pf_cursors_collect(c, &kids);
	struct pf_ir_expr *value = NULL;
	if (kids.n == 1 && clang_getCursorKind(kids.v[0]) == CXCursor_CompoundStmt) {
		struct pf_cursors body;
		pf_cursors_collect(kids.v[0], &body);
		for (unsigned i = 0; i < body.n; i++) {
			if (i + 1 == body.n && pf_is_expr(body.v[i])) {
				value = pf_lower_expr(cx, body.v[i]);
			} else if (clang_getCursorKind(body.v[i]) == CXCursor_DeclStmt ||
			           pf_is_expr(body.v[i])) {
				/* declarations and expression statements; control flow inside
				 * a statement expression is rare and read straight through */
				struct pf_cursors one = {0};
				(void)one;
				if (pf_is_expr(body.v[i])) {
					struct pf_ir_expr *s = pf_lower_expr(cx, body.v[i]);
					pf_lower_emit(cx, PF_S_EVAL, s, NULL, s->pos);
				} else {
					struct pf_cursors decls;
					pf_cursors_collect(body.v[i], &decls);
					for (unsigned j = 0; j < decls.n; j++) {
						if (clang_getCursorKind(decls.v[j]) !=
						    CXCursor_VarDecl)
							continue;
						struct pf_ir_var *v =
						    pf_lower_local(cx, decls.v[j]);
						CXCursor init =
						    clang_Cursor_getVarDeclInitializer(decls.v[j]);
						if (!clang_Cursor_isNull(init))
							pf_lower_emit(cx, PF_S_INIT,
							              pf_lower_expr(cx, init), v,
							              pf_lower_pos(cx, decls.v[j]));
					}
					pf_cursors_release(&decls);
				}
			}
		}
		pf_cursors_release(&body);
	}
	pf_cursors_release(&kids);
	return value ? value : pf_const(cx, c);
}

static struct pf_ir_expr *pf_lower_expr_kind(struct pf_lower_ctx *cx, CXCursor c)
{
	switch (clang_getCursorKind(c)) {
	case CXCursor_ParenExpr:
	case CXCursor_UnexposedExpr:
		return pf_combine_kids(cx, c, PF_E_COMBINE);
	case CXCursor_DeclRefExpr:
		return pf_decl_ref(cx, c);
	case CXCursor_MemberRefExpr:
		return pf_member(cx, c);
	case CXCursor_ArraySubscriptExpr:
		return pf_subscript(cx, c);
	case CXCursor_UnaryOperator:
		return pf_unary(cx, c);
	case CXCursor_BinaryOperator:
		return pf_binary(cx, c, false);
	case CXCursor_CompoundAssignOperator:
		return pf_binary(cx, c, true);
	case CXCursor_ConditionalOperator:
		return pf_conditional(cx, c);
	case CXCursor_CallExpr:
		return pf_call(cx, c);
	case CXCursor_InitListExpr:
		return pf_init_list(cx, c);
	case CXCursor_StringLiteral:
		return pf_string(cx, c);
	case CXCursor_IntegerLiteral:
	case CXCursor_FloatingLiteral:
	case CXCursor_CharacterLiteral:
	case CXCursor_ImaginaryLiteral:
	case CXCursor_UnaryExpr: /* sizeof, _Alignof */
	case CXCursor_GNUNullExpr:
	case CXCursor_AddrLabelExpr:
		return pf_const(cx, c);
	case CXCursor_StmtExpr:
		return pf_stmt_expr(cx, c);
	default:
		/* casts, compound literals, _Generic, anything new: the data of
		 * every sub-expression */
		return pf_combine_kids(cx, c, PF_E_COMBINE);
	}
}

struct pf_ir_expr *pf_lower_expr(struct pf_lower_ctx *cx, CXCursor c)
{
	if (cx->depth >= PF_MAX_EXPR_DEPTH) {
		if (!cx->depth_warned) {
			char msg[256];
			snprintf(msg, sizeof(msg),
			         "expression nested deeper than %d levels in '%s'; the rest is "
			         "treated as carrying nothing",
			         PF_MAX_EXPR_DEPTH, cx->fn_name ? cx->fn_name : "?");
			pf_ir_add_diag(cx->tu, "analysis-budget", false, pf_lower_pos(cx, c), msg);
			cx->depth_warned = true;
		}
		return pf_const(cx, c);
	}
	cx->depth++;
	struct pf_ir_expr *e = pf_lower_expr_kind(cx, c);
	cx->depth--;
	return e;
}
