/*
 * Constructors for the IR. Every object is carved from the translation
 * unit's arena, so lowering never frees and a TU is released in one call.
 */
#include "ir/ir.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct pf_ir_tu *pf_ir_tu_new(void)
{
	struct pf_ir_tu *tu = pf_xcalloc(1, sizeof(*tu));
	return tu;
}

void pf_ir_tu_free(struct pf_ir_tu *tu)
{
	if (!tu)
		return;
	pf_arena_release(&tu->arena);
	pf_ir_shared_release(tu->shared);
	free(tu);
}

struct pf_ir_expr *pf_ir_expr_new(struct pf_ir_tu *tu, enum pf_ir_ekind kind,
                                  struct pf_ir_type *type, struct pf_ir_pos pos, unsigned nkids)
{
	struct pf_ir_expr *e = PF_NEW(&tu->arena, struct pf_ir_expr);
	e->kind = kind;
	e->type = type;
	e->pos = pos;
	e->nkids = nkids;
	if (nkids)
		e->kids = PF_NEW_N(&tu->arena, struct pf_ir_expr *, nkids);
	return e;
}

int pf_ir_add_source(struct pf_ir_tu *tu, const char *category, const char *name,
                     const char *function, const char *how, struct pf_ir_pos pos)
{
	for (size_t i = 0; i < tu->nsources; i++) {
		struct pf_ir_source *s = tu->sources[i];
		if (s->kind == PF_IR_SRC_DECLARED && s->pos.line == pos.line &&
		    s->pos.column == pos.column && strcmp(s->pos.file, pos.file) == 0 &&
		    strcmp(s->name, name) == 0 && strcmp(s->category, category) == 0 &&
		    strcmp(s->how, how) == 0)
			return s->id;
	}
	struct pf_ir_source *s = PF_NEW(&tu->arena, struct pf_ir_source);
	s->category = pf_arena_strdup(&tu->arena, category);
	s->record.tag = s->record.type = "";
	s->name = pf_arena_strdup(&tu->arena, name);
	s->function = pf_arena_strdup(&tu->arena, function ? function : "");
	s->how = pf_arena_strdup(&tu->arena, how);
	s->pos = pos;
	s->id = (int)tu->nsources;
	PF_IR_PUSH(tu, tu->sources, tu->nsources, tu->capsources, s);
	return s->id;
}

int pf_ir_add_named(struct pf_ir_tu *tu, const char *name, const struct pf_ir_record_names *record,
                    struct pf_ir_pos pos)
{
	struct pf_ir_source *s = PF_NEW(&tu->arena, struct pf_ir_source);
	s->kind = record ? PF_IR_SRC_FIELD : PF_IR_SRC_GLOBAL;
	if (record) {
		s->record.tag = pf_arena_strdup(&tu->arena, record->tag);
		s->record.type = pf_arena_strdup(&tu->arena, record->type);
	} else {
		s->record.tag = s->record.type = "";
	}
	s->name = pf_arena_strdup(&tu->arena, name);
	s->function = "";
	s->how = "";
	s->pos = pos;
	s->id = (int)tu->nsources;
	PF_IR_PUSH(tu, tu->sources, tu->nsources, tu->capsources, s);
	return s->id;
}

void pf_ir_add_diag(struct pf_ir_tu *tu, const char *rule, bool is_error, struct pf_ir_pos pos,
                    const char *message)
{
	struct pf_ir_diag d = {
	    .rule = rule,
	    .is_error = is_error,
	    .pos = pos,
	    .message = pf_arena_strdup(&tu->arena, message),
	};
	PF_IR_PUSH(tu, tu->diags, tu->ndiags, tu->capdiags, d);
}

int pf_ir_func_new_block(struct pf_ir_tu *tu, struct pf_ir_func *fn)
{
	struct pf_ir_block b = {.term = PF_TERM_EXIT, .succ = {-1, -1}};
	PF_IR_PUSH(tu, fn->blocks, fn->nblocks, fn->capblocks, b);
	return (int)fn->nblocks - 1;
}

void pf_ir_block_add_stmt(struct pf_ir_tu *tu, struct pf_ir_block *b, struct pf_ir_stmt st)
{
	PF_IR_PUSH(tu, b->stmts, b->nstmts, b->capstmts, st);
}

const struct pf_ir_type *pf_ir_function_type(const struct pf_ir_type *t)
{
	if (t && t->kind == PF_T_POINTER)
		t = t->target;
	return t && t->kind == PF_T_FUNCTION ? t : NULL;
}
