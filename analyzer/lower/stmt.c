/*
 * Statements: a function body becomes a control flow graph. Conditions are
 * lowered with short-circuit edges (a && b, a || b, !a, a == 0), so that the
 * engine learns on which edge a consent function returned nonzero from the
 * shape of the graph alone; loops, switch, break, continue and goto become
 * plain edges.
 */
#include "lower/lower_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/xalloc.h"

static void pf_lower_stmt(struct pf_lower_ctx *cx, CXCursor c);

static struct pf_ir_block *pf_blk(struct pf_lower_ctx *cx, int i)
{
	return &cx->fn->blocks[i];
}

static int pf_new_block(struct pf_lower_ctx *cx)
{
	return pf_ir_func_new_block(cx->tu, cx->fn);
}

/* Code after a jump is unreachable, but still lowered into a fresh block so
 * that labels inside it can be reached. */
static void pf_ensure_block(struct pf_lower_ctx *cx)
{
	if (cx->cur < 0)
		cx->cur = pf_new_block(cx);
}

static void pf_goto(struct pf_lower_ctx *cx, int target)
{
	if (cx->cur < 0)
		return;
	struct pf_ir_block *b = pf_blk(cx, cx->cur);
	b->term = PF_TERM_GOTO;
	b->succ[0] = target;
	cx->cur = -1;
}

static void pf_branch(struct pf_lower_ctx *cx, struct pf_ir_expr *cond, int t, int f)
{
	if (cx->cur < 0)
		return;
	struct pf_ir_block *b = pf_blk(cx, cx->cur);
	b->term = PF_TERM_BRANCH;
	b->cond = cond;
	b->succ[0] = t;
	b->succ[1] = f;
	cx->cur = -1;
}

void pf_lower_emit(struct pf_lower_ctx *cx, enum pf_ir_skind kind, struct pf_ir_expr *e,
                   struct pf_ir_var *var, struct pf_ir_pos pos)
{
	pf_ensure_block(cx);
	struct pf_ir_stmt st = {kind, e, var, pos};
	pf_ir_block_add_stmt(cx->tu, pf_blk(cx, cx->cur), st);
	cx->fn->nstmts++;
}

/* A comparison of x with a constant as a test of x itself, for consent
 * (consent functions return nonzero for yes): 1 when the comparison holds
 * only if x is nonzero (x != 0, x == 1, x > 0, x >= 1), -1 when it fails
 * only if x is nonzero (x == 0, x != 1, x < 1, x <= 0), 0 when neither.
 * Only the nonzero side matters: nothing is concluded from x being zero. */
static int pf_truth_test(enum CXBinaryOperatorKind op, long long lit, bool lit_left)
{
	if (lit_left) { /* lit OP x: mirror to x OP' lit */
		switch (op) {
		case CXBinaryOperator_LT:
			op = CXBinaryOperator_GT;
			break;
		case CXBinaryOperator_GT:
			op = CXBinaryOperator_LT;
			break;
		case CXBinaryOperator_LE:
			op = CXBinaryOperator_GE;
			break;
		case CXBinaryOperator_GE:
			op = CXBinaryOperator_LE;
			break;
		default:
			break;
		}
	}
	switch (op) {
	case CXBinaryOperator_EQ:
		return lit != 0 ? 1 : -1;
	case CXBinaryOperator_NE:
		return lit == 0 ? 1 : -1;
	case CXBinaryOperator_GT: /* holds: x > lit */
		return lit >= 0 ? 1 : 0;
	case CXBinaryOperator_GE:
		return lit >= 1 ? 1 : 0;
	case CXBinaryOperator_LT: /* fails: x >= lit */
		return lit >= 1 ? -1 : 0;
	case CXBinaryOperator_LE: /* fails: x > lit */
		return lit >= 0 ? -1 : 0;
	default:
		return 0;
	}
}

/* Lowers a condition into edges to t (true) and f (false). */
static void pf_lower_cond(struct pf_lower_ctx *cx, CXCursor c, int t, int f)
{
	pf_ensure_block(cx);
	CXCursor s = pf_lower_strip(c);
	enum CXCursorKind k = clang_getCursorKind(s);
	if (k == CXCursor_UnaryOperator &&
	    clang_getCursorUnaryOperatorKind(s) == CXUnaryOperator_LNot) {
		struct pf_cursors kids;
		pf_cursors_collect(s, &kids);
		if (kids.n == 1) {
			pf_lower_cond(cx, kids.v[0], f, t);
			pf_cursors_release(&kids);
			return;
		}
		pf_cursors_release(&kids);
	}
	if (k == CXCursor_BinaryOperator) {
		enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(s);
		struct pf_cursors kids;
		pf_cursors_collect(s, &kids);
		if (kids.n == 2) {
			if (op == CXBinaryOperator_LAnd || op == CXBinaryOperator_LOr) {
				int mid = pf_new_block(cx);
				if (op == CXBinaryOperator_LAnd)
					pf_lower_cond(cx, kids.v[0], mid, f);
				else
					pf_lower_cond(cx, kids.v[0], t, mid);
				cx->cur = mid;
				pf_lower_cond(cx, kids.v[1], t, f);
				pf_cursors_release(&kids);
				return;
			}
			/* x against a literal: branch on x itself, with the
			 * branches swapped when the test holds for zero */
			long long lit = 0;
			int side = pf_lower_int_const(kids.v[1], &lit)   ? 0
			           : pf_lower_int_const(kids.v[0], &lit) ? 1
			                                                 : -1;
			int truth = side >= 0 ? pf_truth_test(op, lit, side == 1) : 0;
			if (truth) {
				if (truth > 0)
					pf_lower_cond(cx, kids.v[side], t, f);
				else
					pf_lower_cond(cx, kids.v[side], f, t);
				pf_cursors_release(&kids);
				return;
			}
		}
		pf_cursors_release(&kids);
	}
	struct pf_ir_expr *e = pf_lower_expr(cx, c);
	pf_ensure_block(cx);
	pf_branch(cx, e, t, f);
}

struct pf_ir_var *pf_lower_local(struct pf_lower_ctx *cx, CXCursor decl)
{
	struct pf_ir_var *v = pf_ptrmap_get(&cx->locals, decl.data[0]);
	if (v)
		return v;
	v = PF_NEW(&cx->tu->arena, struct pf_ir_var);
	v->kind = PF_V_LOCAL;
	v->name = pf_lower_spelling(cx, decl);
	v->type = pf_lower_type(cx, clang_getCursorType(decl));
	v->index = (int)cx->fn->nlocals;
	v->source = pf_lower_annotation_source(cx, decl, "pii", v->name);
	PF_IR_PUSH(cx->tu, cx->fn->locals, cx->fn->nlocals, cx->fn->caplocals, v);
	pf_ptrmap_put(&cx->locals, decl.data[0], v);
	return v;
}

static void pf_lower_decl_stmt(struct pf_lower_ctx *cx, CXCursor c)
{
	struct pf_cursors kids;
	pf_cursors_collect(c, &kids);
	for (unsigned i = 0; i < kids.n; i++) {
		CXCursor d = kids.v[i];
		if (clang_getCursorKind(d) != CXCursor_VarDecl)
			continue;
		CXCursor init = clang_Cursor_getVarDeclInitializer(d);
		if (clang_Cursor_hasVarDeclGlobalStorage(d) == 1) {
			/* static locals and block-scope externs are globals */
			struct pf_ir_var *g = pf_lower_global_ref(cx, d);
			if (!clang_Cursor_isNull(init) &&
			    clang_getCursorKind(init) != CXCursor_InvalidFile &&
			    clang_Cursor_getStorageClass(d) != CX_SC_Extern) {
				struct pf_ir_expr *e = pf_lower_expr(cx, init);
				pf_lower_emit(cx, PF_S_INIT, e, g, pf_lower_pos(cx, d));
			}
			continue;
		}
		struct pf_ir_var *v = pf_lower_local(cx, d);
		if (!clang_Cursor_isNull(init)) {
			struct pf_ir_expr *e = pf_lower_expr(cx, init);
			pf_lower_emit(cx, PF_S_INIT, e, v, pf_lower_pos(cx, d));
		}
	}
	pf_cursors_release(&kids);
}

static int pf_label_block(struct pf_lower_ctx *cx, CXCursor label)
{
	CXFile f;
	unsigned line, col, off;
	clang_getSpellingLocation(clang_getCursorLocation(label), &f, &line, &col, &off);
	for (size_t i = 0; i < cx->nlabels; i++)
		if (cx->labels[i].offset == off && cx->labels[i].file == f)
			return cx->labels[i].block;
	if (cx->nlabels == cx->caplabels) {
		cx->caplabels = cx->caplabels ? cx->caplabels * 2 : 8;
		cx->labels = pf_xrealloc(cx->labels, cx->caplabels * sizeof(*cx->labels));
	}
	int b = pf_new_block(cx);
	cx->labels[cx->nlabels++] = (struct pf_label){off, f, b};
	return b;
}

static void pf_push_loop(struct pf_lower_ctx *cx, int brk, int cont)
{
	if (cx->nloops < (int)(sizeof(cx->loops) / sizeof(cx->loops[0])))
		cx->loops[cx->nloops] = (struct pf_loop_ctx){brk, cont};
	cx->nloops++;
}

static struct pf_loop_ctx *pf_top_loop(struct pf_lower_ctx *cx)
{
	int max = (int)(sizeof(cx->loops) / sizeof(cx->loops[0]));
	if (cx->nloops <= 0)
		return NULL;
	return &cx->loops[cx->nloops <= max ? cx->nloops - 1 : max - 1];
}

static bool pf_is_expr_kind(enum CXCursorKind k)
{
	return clang_isExpression(k) != 0;
}

static void pf_lower_if(struct pf_lower_ctx *cx, struct pf_cursors *k)
{
	/* [cond, then, else?] (a C11 if has no init or condition variable) */
	int then_b = pf_new_block(cx), join = pf_new_block(cx);
	int else_b = k->n > 2 ? pf_new_block(cx) : join;
	pf_lower_cond(cx, k->v[0], then_b, else_b);
	cx->cur = then_b;
	if (k->n > 1)
		pf_lower_stmt(cx, k->v[1]);
	pf_goto(cx, join);
	if (k->n > 2) {
		cx->cur = else_b;
		pf_lower_stmt(cx, k->v[2]);
		pf_goto(cx, join);
	}
	cx->cur = join;
}

static void pf_lower_loop(struct pf_lower_ctx *cx, CXCursor cond, bool has_cond, CXCursor body,
                          CXCursor *incs, unsigned ninc, bool test_first)
{
	int head = pf_new_block(cx), body_b = pf_new_block(cx), step = pf_new_block(cx),
	    exit_b = pf_new_block(cx);
	pf_goto(cx, test_first ? head : body_b);
	cx->cur = head;
	if (has_cond)
		pf_lower_cond(cx, cond, body_b, exit_b);
	else
		pf_goto(cx, body_b);
	pf_push_loop(cx, exit_b, step);
	cx->cur = body_b;
	pf_lower_stmt(cx, body);
	pf_goto(cx, step);
	cx->nloops--;
	cx->cur = step;
	for (unsigned i = 0; i < ninc; i++) {
		struct pf_ir_expr *e = pf_lower_expr(cx, incs[i]);
		pf_lower_emit(cx, PF_S_EVAL, e, NULL, e->pos);
	}
	pf_goto(cx, head);
	cx->cur = exit_b;
}

/* for (init; cond; inc) body: libclang omits absent parts, so they are told
 * apart by the ';' tokens of the header. */
static void pf_lower_for(struct pf_lower_ctx *cx, CXCursor c, struct pf_cursors *k)
{
	CXCursor body = k->v[k->n - 1];
	CXCursor init = clang_getNullCursor(), cond = clang_getNullCursor(),
	         inc = clang_getNullCursor();
	CXToken *toks = NULL;
	unsigned ntok = 0;
	clang_tokenize(cx->ctu, clang_getCursorExtent(c), &toks, &ntok);
	unsigned semi[2] = {0, 0}, nsemi = 0;
	int depth = 0;
	for (unsigned i = 0; i < ntok && nsemi < 2; i++) {
		if (clang_getTokenKind(toks[i]) != CXToken_Punctuation)
			continue;
		CXString s = clang_getTokenSpelling(cx->ctu, toks[i]);
		const char *t = clang_getCString(s);
		if (strcmp(t, "(") == 0)
			depth++;
		else if (strcmp(t, ")") == 0)
			depth--;
		else if (strcmp(t, ";") == 0 && depth == 1) {
			unsigned off;
			clang_getSpellingLocation(clang_getTokenLocation(cx->ctu, toks[i]), NULL,
			                          NULL, NULL, &off);
			semi[nsemi++] = off;
		}
		clang_disposeString(s);
	}
	if (toks)
		clang_disposeTokens(cx->ctu, toks, ntok);
	for (unsigned i = 0; i + 1 < k->n; i++) {
		unsigned off;
		clang_getSpellingLocation(clang_getCursorLocation(k->v[i]), NULL, NULL, NULL, &off);
		CXSourceRange r = clang_getCursorExtent(k->v[i]);
		clang_getSpellingLocation(clang_getRangeStart(r), NULL, NULL, NULL, &off);
		if (nsemi == 2 && off > semi[1])
			inc = k->v[i];
		else if (nsemi == 2 && off > semi[0])
			cond = k->v[i];
		else if (nsemi == 2)
			init = k->v[i];
		else if (clang_Cursor_isNull(init))
			init = k->v[i]; /* inside a macro: evaluate in order */
		else if (clang_Cursor_isNull(cond))
			cond = k->v[i];
		else
			inc = k->v[i];
	}
	if (!clang_Cursor_isNull(init)) {
		if (clang_getCursorKind(init) == CXCursor_DeclStmt)
			pf_lower_decl_stmt(cx, init);
		else
			pf_lower_stmt(cx, init);
	}
	pf_lower_loop(cx, cond, !clang_Cursor_isNull(cond), body, &inc,
	              clang_Cursor_isNull(inc) ? 0 : 1, true);
}

static void pf_lower_switch(struct pf_lower_ctx *cx, struct pf_cursors *k)
{
	/* the value is kept in a local of its own, which each case with a
	 * nonzero label tests: `switch (consent(u)) { case 1: ... }` consents
	 * there as `if (consent(u))` would */
	struct pf_ir_expr *e = pf_lower_expr(cx, k->v[0]);
	struct pf_ir_var *v = PF_NEW(&cx->tu->arena, struct pf_ir_var);
	v->kind = PF_V_LOCAL;
	v->name = "switch value";
	v->type = e->type;
	v->index = (int)cx->fn->nlocals;
	v->source = -1;
	PF_IR_PUSH(cx->tu, cx->fn->locals, cx->fn->nlocals, cx->fn->caplocals, v);
	pf_lower_emit(cx, PF_S_INIT, e, v, e->pos);
	int exit_b = pf_new_block(cx);
	int dispatch = pf_new_block(cx);
	pf_goto(cx, dispatch);
	struct pf_switch_ctx sw = {dispatch, -1, v};
	struct pf_switch_ctx *saved = cx->sw;
	cx->sw = &sw;
	pf_push_loop(cx, exit_b,
	             pf_top_loop(cx) && cx->nloops > 0 ? pf_top_loop(cx)->continue_to : exit_b);
	cx->cur = -1;
	if (k->n > 1)
		pf_lower_stmt(cx, k->v[1]);
	pf_goto(cx, exit_b);
	cx->nloops--;
	/* the last dispatch falls to default, or out of the switch */
	struct pf_ir_block *d = pf_blk(cx, sw.dispatch);
	d->term = PF_TERM_GOTO;
	d->succ[0] = sw.default_block >= 0 ? sw.default_block : exit_b;
	cx->sw = saved;
	cx->cur = exit_b;
}

static void pf_lower_case(struct pf_lower_ctx *cx, CXCursor c, bool is_default)
{
	int b = pf_new_block(cx);
	pf_goto(cx, b); /* fall through from the previous case */
	struct pf_cursors kids;
	pf_cursors_collect(c, &kids);
	if (cx->sw) {
		if (is_default) {
			cx->sw->default_block = b;
		} else {
			int next = pf_new_block(cx);
			struct pf_ir_block *d = pf_blk(cx, cx->sw->dispatch);
			long long lit = 0;
			d->term = PF_TERM_BRANCH;
			d->cond = NULL; /* either way */
			if (kids.n > 0 && pf_lower_int_const(kids.v[0], &lit) && lit != 0 &&
			    cx->sw->value) {
				/* a nonzero label: the value tested there is nonzero */
				struct pf_ir_expr *x = pf_ir_expr_new(
				    cx->tu, PF_E_VAR, cx->sw->value->type, pf_lower_pos(cx, c), 0);
				x->u.var = cx->sw->value;
				d->cond = x;
			}
			d->succ[0] = b;
			d->succ[1] = next;
			cx->sw->dispatch = next;
		}
	}
	cx->cur = b;
	if (kids.n > 0)
		pf_lower_stmt(cx, kids.v[kids.n - 1]);
	pf_cursors_release(&kids);
}

/* The statements made of statements (a block, if, the loops, switch),
 * lowered from their children; one that lacks a child it needs (a
 * malformed tree after errors) is skipped. */
static void pf_lower_compound(struct pf_lower_ctx *cx, CXCursor c, enum CXCursorKind kind)
{
	struct pf_cursors k;
	pf_cursors_collect(c, &k);
	switch (kind) {
	case CXCursor_CompoundStmt:
		for (unsigned i = 0; i < k.n; i++)
			pf_lower_stmt(cx, k.v[i]);
		break;
	case CXCursor_IfStmt:
		if (k.n >= 2)
			pf_lower_if(cx, &k);
		break;
	case CXCursor_WhileStmt:
		if (k.n >= 2)
			pf_lower_loop(cx, k.v[0], true, k.v[k.n - 1], NULL, 0, true);
		break;
	case CXCursor_DoStmt:
		if (k.n >= 2)
			pf_lower_loop(cx, k.v[1], true, k.v[0], NULL, 0, false);
		break;
	case CXCursor_ForStmt:
		if (k.n >= 1)
			pf_lower_for(cx, c, &k);
		break;
	default: /* CXCursor_SwitchStmt */
		if (k.n >= 1)
			pf_lower_switch(cx, &k);
		break;
	}
	pf_cursors_release(&k);
}

static void pf_lower_stmt(struct pf_lower_ctx *cx, CXCursor c)
{
	enum CXCursorKind kind = clang_getCursorKind(c);
	struct pf_cursors k;
	switch (kind) {
	case CXCursor_CompoundStmt:
	case CXCursor_IfStmt:
	case CXCursor_WhileStmt:
	case CXCursor_DoStmt:
	case CXCursor_ForStmt:
	case CXCursor_SwitchStmt:
		pf_lower_compound(cx, c, kind);
		return;
	case CXCursor_DeclStmt:
		pf_lower_decl_stmt(cx, c);
		return;
	case CXCursor_CaseStmt:
	case CXCursor_DefaultStmt:
		pf_lower_case(cx, c, kind == CXCursor_DefaultStmt);
		return;
	case CXCursor_BreakStmt:
		if (pf_top_loop(cx))
			pf_goto(cx, pf_top_loop(cx)->break_to);
		return;
	case CXCursor_ContinueStmt:
		if (pf_top_loop(cx))
			pf_goto(cx, pf_top_loop(cx)->continue_to);
		return;
	case CXCursor_ReturnStmt: {
		pf_cursors_collect(c, &k);
		struct pf_ir_expr *e = k.n ? pf_lower_expr(cx, k.v[0]) : NULL;
		pf_cursors_release(&k);
		pf_lower_emit(cx, PF_S_RETURN, e, NULL, pf_lower_pos(cx, c));
		pf_goto(cx, cx->exit_block);
		return;
	}
	case CXCursor_GotoStmt: {
		CXCursor label = clang_getCursorReferenced(c);
		if (!clang_Cursor_isNull(label))
			pf_goto(cx, pf_label_block(cx, label));
		else
			pf_goto(cx, cx->exit_block);
		return;
	}
	case CXCursor_IndirectGotoStmt:
		pf_goto(cx, cx->exit_block);
		return;
	case CXCursor_LabelStmt: {
		int b = pf_label_block(cx, c);
		pf_goto(cx, b);
		cx->cur = b;
		pf_cursors_collect(c, &k);
		if (k.n > 0)
			pf_lower_stmt(cx, k.v[k.n - 1]);
		pf_cursors_release(&k);
		return;
	}
	case CXCursor_NullStmt:
	case CXCursor_GCCAsmStmt:
		return;
	default:
		if (pf_is_expr_kind(kind) || kind == CXCursor_UnexposedStmt) {
			struct pf_ir_expr *e = pf_lower_expr(cx, c);
			if (e->kind != PF_E_CONST && e->kind != PF_E_STRING)
				pf_lower_emit(cx, PF_S_EVAL, e, NULL, e->pos);
		}
		return;
	}
}

void pf_lower_function_body(struct pf_lower_ctx *cx, CXCursor fncur, struct pf_ir_fdecl *decl)
{
	/* a definition seen twice (static inline in a header included twice) */
	for (size_t i = 0; i < cx->tu->nfuncs; i++)
		if (cx->tu->funcs[i]->decl == decl)
			return;
	pf_lower_refs(cx, fncur);
	struct pf_ir_func *fn = PF_NEW(&cx->tu->arena, struct pf_ir_func);
	fn->decl = decl;
	cx->fn = fn;
	cx->fn_name = decl->name;
	cx->nloops = 0;
	cx->sw = NULL;
	cx->nlabels = 0;
	pf_ptrmap_free(&cx->locals);
	int entry = pf_new_block(cx);
	cx->exit_block = pf_new_block(cx);
	cx->cur = entry;
	int n = clang_Cursor_getNumArguments(fncur);
	fn->params = PF_NEW_N(&cx->tu->arena, struct pf_ir_var *, decl->nparams + 1);
	for (int i = 0; i < n && i < decl->nparams; i++) {
		CXCursor parm = clang_Cursor_getArgument(fncur, (unsigned)i);
		struct pf_ir_var *v = pf_lower_local(cx, parm);
		v->kind = PF_V_PARAM;
		v->index = i;
		if (v->source < 0)
			v->source = decl->param_source[i];
		fn->params[i] = v;
	}
	struct pf_cursors k;
	pf_cursors_collect(fncur, &k);
	for (unsigned i = 0; i < k.n; i++)
		if (clang_getCursorKind(k.v[i]) == CXCursor_CompoundStmt)
			pf_lower_stmt(cx, k.v[i]);
	pf_cursors_release(&k);
	pf_goto(cx, cx->exit_block);
	PF_IR_PUSH(cx->tu, cx->tu->funcs, cx->tu->nfuncs, cx->tu->capfuncs, fn);
	cx->fn = NULL;
	cx->fn_name = NULL;
}
