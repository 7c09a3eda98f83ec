/*
 * The inventory of a translation unit: every named field, global, parameter
 * and function (returning a value) that the project's own code declares,
 * with its type, whether PII(...) already marks it (the rules are checked
 * by discover, which has them), the names a rules entry may give it and
 * where an annotation would be written. `piiflow discover` reads names from
 * here, so that it never needs libclang itself. Declarations in system
 * headers are not the project's to annotate and are left out.
 */
#include "lower/lower_int.h"

#include <stdio.h>

struct pf_inventory {
	struct pf_lower_ctx *cx;
	const char *scope; /* the record whose fields are visited */
};

static bool pf_in_system_header(CXCursor c)
{
	return clang_Location_isInSystemHeader(clang_getCursorLocation(c)) != 0;
}

/* The spelling location of loc, or line 0 when loc lies in a macro (its
 * spelling and expansion differ): no edit there is safe. */
static struct pf_ir_pos pf_edit_pos(struct pf_lower_ctx *cx, CXSourceLocation loc)
{
	CXFile sf = NULL, ef = NULL;
	unsigned sl = 0, sc = 0, el = 0, ec = 0;
	clang_getSpellingLocation(loc, &sf, &sl, &sc, NULL);
	clang_getExpansionLocation(loc, &ef, &el, &ec, NULL);
	struct pf_ir_pos p = {pf_lower_file_path(cx, ef), 0, 0};
	if (sf && sf == ef && sl == el && sc == ec) {
		p.line = sl;
		p.column = sc;
	}
	return p;
}

/* After the declarator of c: the end of the last token before a top-level
 * '=', ':' (bit-field) or the end of the declaration. */
static struct pf_ir_pos pf_after_declarator(struct pf_lower_ctx *cx, CXCursor c)
{
	if (pf_edit_pos(cx, clang_getCursorLocation(c)).line == 0)
		return (struct pf_ir_pos){pf_lower_pos(cx, c).file, 0, 0}; /* made by a macro */
	CXSourceRange ext = clang_getCursorExtent(c);
	CXToken *toks = NULL;
	unsigned n = 0;
	clang_tokenize(cx->ctu, ext, &toks, &n);
	CXSourceLocation name = clang_getCursorLocation(c);
	unsigned name_off = 0;
	clang_getSpellingLocation(name, NULL, NULL, NULL, &name_off);
	CXSourceLocation last = clang_getRangeEnd(ext);
	bool found = false;
	int depth = 0;
	for (unsigned i = 0; i < n; i++) {
		CXSourceRange tr = clang_getTokenExtent(cx->ctu, toks[i]);
		unsigned off = 0;
		clang_getSpellingLocation(clang_getRangeStart(tr), NULL, NULL, NULL, &off);
		if (off < name_off)
			continue;
		CXString sp = clang_getTokenSpelling(cx->ctu, toks[i]);
		const char *t = clang_getCString(sp);
		bool stop = false;
		if (t && (strcmp(t, "(") == 0 || strcmp(t, "[") == 0))
			depth++;
		else if (t && (strcmp(t, ")") == 0 || strcmp(t, "]") == 0))
			depth--;
		else if (t && depth <= 0 &&
		         (strcmp(t, "=") == 0 || strcmp(t, ":") == 0 || strcmp(t, ",") == 0 ||
		          strcmp(t, ";") == 0))
			stop = true;
		clang_disposeString(sp);
		if (stop)
			break;
		last = clang_getRangeEnd(tr);
		found = true;
	}
	if (toks)
		clang_disposeTokens(cx->ctu, toks, n);
	if (!found)
		return (struct pf_ir_pos){pf_lower_pos(cx, c).file, 0, 0};
	return pf_edit_pos(cx, last);
}

static void pf_type_parts(struct pf_lower_ctx *cx, CXType t, struct pf_ir_decl *d)
{
	CXString s = clang_getTypeSpelling(t);
	d->type = pf_arena_strdup(&cx->tu->arena, clang_getCString(s));
	clang_disposeString(s);
	CXType b = clang_getCanonicalType(t);
	bool indirect = false;
	for (int guard = 0; guard < 16; guard++) {
		if (b.kind == CXType_Pointer)
			b = clang_getCanonicalType(clang_getPointeeType(b));
		else if (b.kind == CXType_ConstantArray || b.kind == CXType_IncompleteArray ||
		         b.kind == CXType_VariableArray)
			b = clang_getCanonicalType(clang_getArrayElementType(b));
		else
			break;
		indirect = true;
	}
	b = clang_getUnqualifiedType(b);
	CXString bs = clang_getTypeSpelling(b);
	d->base_type = pf_arena_strdup(&cx->tu->arena, clang_getCString(bs));
	clang_disposeString(bs);
	d->scalar = !indirect && ((b.kind >= CXType_Bool && b.kind <= CXType_LongDouble) ||
	                          b.kind == CXType_Enum);
}

/* Records c; with only_marked, only when an annotation marks it (a later
 * declaration's annotation marks the whole group for discover). */
static void pf_record_decl(struct pf_inventory *inv, CXCursor c, enum pf_ir_dkind kind,
                           const char *scope, bool only_marked)
{
	struct pf_lower_ctx *cx = inv->cx;
	char *name = pf_lower_spelling(cx, c);
	if (!*name)
		return;
	const char *cat = pf_lower_pii_category(cx, c);
	if (only_marked && !cat)
		return;
	struct pf_ir_decl d = {.kind = kind, .name = name, .scope = scope ? scope : ""};
	d.pos = pf_lower_pos(cx, c);
	d.record.tag = d.record.type = "";
	if (kind == PF_D_FIELD)
		d.record = pf_lower_record_names(cx, clang_getCursorSemanticParent(c));
	if (kind == PF_D_FUNCTION) {
		CXType rt = clang_getCursorResultType(c);
		if (clang_getCanonicalType(rt).kind == CXType_Void)
			return;
		pf_type_parts(cx, rt, &d);
		d.insert = pf_edit_pos(cx, clang_getRangeStart(clang_getCursorExtent(c)));
		if (pf_edit_pos(cx, clang_getCursorLocation(c)).line == 0)
			d.insert.line = d.insert.column = 0; /* made by a macro */
	} else {
		pf_type_parts(cx, clang_getCursorType(c), &d);
		d.insert = pf_after_declarator(cx, c);
	}
	d.annotated = cat != NULL;
	d.redecl = only_marked;
	d.category = cat ? cat : "";
	d.how = cat ? "is declared personal data" : "";
	if (!d.insert.file)
		d.insert.file = d.pos.file;
	PF_IR_PUSH(cx->tu, cx->tu->decls, cx->tu->ndecls, cx->tu->capdecls, d);
}

static enum CXChildVisitResult pf_field_visitor(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	struct pf_inventory *inv = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	if (k == CXCursor_FieldDecl)
		pf_record_decl(inv, c, PF_D_FIELD, inv->scope, false);
	else if (k == CXCursor_StructDecl || k == CXCursor_UnionDecl) {
		/* a nested record: its own tag, or (anonymous) the enclosing one */
		struct pf_inventory nested = *inv;
		if (!clang_Cursor_isAnonymous(c))
			nested.scope = pf_lower_spelling(inv->cx, c);
		clang_visitChildren(c, pf_field_visitor, &nested);
	}
	return CXChildVisit_Continue;
}

static void pf_record_fields(struct pf_inventory *inv, CXCursor rec, const char *scope)
{
	struct pf_inventory v = {inv->cx, scope};
	clang_visitChildren(rec, pf_field_visitor, &v);
}

static enum CXChildVisitResult pf_inventory_visitor(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	struct pf_inventory *inv = data;
	struct pf_lower_ctx *cx = inv->cx;
	enum CXCursorKind k = clang_getCursorKind(c);
	if (k == CXCursor_LinkageSpec || k == CXCursor_UnexposedDecl)
		return CXChildVisit_Recurse;
	if (pf_in_system_header(c))
		return CXChildVisit_Continue;
	bool canonical = clang_equalCursors(clang_getCanonicalCursor(c), c);
	switch (k) {
	case CXCursor_StructDecl:
	case CXCursor_UnionDecl:
		if (clang_isCursorDefinition(c) && !clang_Cursor_isAnonymous(c))
			pf_record_fields(inv, c, pf_lower_spelling(cx, c));
		break;
	case CXCursor_TypedefDecl: {
		/* typedef struct { ... } name: the fields go by the typedef */
		CXType ut = clang_getTypedefDeclUnderlyingType(c);
		if (ut.kind == CXType_Elaborated)
			ut = clang_Type_getNamedType(ut);
		CXCursor rec = clang_getTypeDeclaration(ut);
		enum CXCursorKind rk = clang_getCursorKind(rec);
		if ((rk == CXCursor_StructDecl || rk == CXCursor_UnionDecl) &&
		    clang_Cursor_isAnonymous(rec) && clang_isCursorDefinition(rec))
			pf_record_fields(inv, rec, pf_lower_spelling(cx, c));
		break;
	}
	/* suggestions go on the first declaration; a later one only tells
	 * whether an annotation is there already */
	case CXCursor_VarDecl:
		pf_record_decl(inv, c, PF_D_GLOBAL, "", !canonical);
		break;
	case CXCursor_FunctionDecl: {
		char *fname = pf_lower_spelling(cx, c);
		pf_record_decl(inv, c, PF_D_FUNCTION, "", !canonical);
		int n = clang_Cursor_getNumArguments(c);
		for (int i = 0; i < n; i++)
			pf_record_decl(inv, clang_Cursor_getArgument(c, (unsigned)i), PF_D_PARAM,
			               fname, !canonical);
		break;
	}
	default:
		break;
	}
	return CXChildVisit_Continue;
}

void pf_lower_inventory(struct pf_lower_ctx *cx, CXCursor root)
{
	struct pf_inventory inv = {cx, ""};
	clang_visitChildren(root, pf_inventory_visitor, &inv);
}
