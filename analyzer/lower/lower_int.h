/*
 * Shared state of the lowering stage: one pf_lower_ctx per translation unit,
 * passed to every function that reads the AST (the clink habit: all visitor
 * state in one struct). Internal to analyzer/lower/.
 */
#ifndef PF_LOWER_INT_H
#define PF_LOWER_INT_H

#include <clang-c/Index.h>
#include <string.h>

#include "lower/lower.h"
#include "util/ptrmap.h"
#include "util/xalloc.h"

/* A small growable list of cursors, the children of one node. */
struct pf_cursors {
	CXCursor *v;
	unsigned n, cap;
	CXCursor inline_v[8];
};
void pf_cursors_collect(CXCursor parent, struct pf_cursors *out);
void pf_cursors_release(struct pf_cursors *c);

struct pf_loop_ctx {
	int break_to, continue_to;
};

struct pf_switch_ctx {
	int dispatch;            /* block that chooses the next case */
	int default_block;       /* -1 until a default label is seen */
	struct pf_ir_var *value; /* the local holding the switch's value */
};

struct pf_label {
	unsigned offset; /* file offset of the LabelStmt */
	CXFile file;
	int block;
};

struct pf_lower_ctx {
	struct pf_ir_tu *tu;
	const struct pf_lower_options *opts;
	CXTranslationUnit ctu;
	const char *directory;          /* of the compile command: relative paths start there */
	struct pf_ptrmap files;         /* CXFile -> display path */
	struct pf_ptrmap types;         /* clang type pointer -> struct pf_ir_type */
	struct pf_ir_type *intptr_type; /* intptr_t and uintptr_t: pf_lower_type */
	struct pf_ptrmap decls;         /* canonical function cursor data -> pf_ir_fdecl */
	struct pf_ptrmap gvars;         /* canonical global cursor data -> pf_ir_global */
	struct pf_ptrmap locals;        /* local/param cursor data -> pf_ir_var (per function) */
	struct pf_ptrmap fields;        /* field cursor data -> source id + 2 (1: none) */
	struct pf_ptrmap refs;          /* canonical cursor data -> its key in tu->refs */
	/* The function being lowered. */
	struct pf_ir_func *fn;
	const char *fn_name;
	int cur; /* current block; -1 after a jump (unreachable code follows) */
	int exit_block;
	struct pf_loop_ctx loops[64];
	int nloops;
	struct pf_switch_ctx *sw;
	struct pf_label *labels;
	size_t nlabels, caplabels;
	unsigned depth; /* recursion depth guard for deep expressions */
	bool depth_warned;
	/* static functions defined in headers, lowered only once this TU uses
	 * them (most of a header's static inline helpers are not) */
	PF_VEC(CXCursor) deferred;
};

/* Nodes of a global's initializer that lowering keeps (decl.c). */
#define PF_LOWER_INIT_MAX 4096
/* Constant array indexes kept in the IR (larger ones are "unknown"). */
#define PF_LOWER_INDEX_MAX 65536

/* parse.c */
struct pf_ir_pos pf_lower_pos(struct pf_lower_ctx *cx, CXCursor c);
const char *pf_lower_file_path(struct pf_lower_ctx *cx, CXFile f);
char *pf_lower_spelling(struct pf_lower_ctx *cx, CXCursor c); /* arena copy */

/* decl.c */
struct pf_ir_type *pf_lower_type(struct pf_lower_ctx *cx, CXType t);
struct pf_ir_fdecl *pf_lower_fdecl(struct pf_lower_ctx *cx, CXCursor fn);
struct pf_ir_global *pf_lower_global(struct pf_lower_ctx *cx, CXCursor var);
struct pf_ir_var *pf_lower_global_ref(struct pf_lower_ctx *cx, CXCursor var);
/* Adds to tu->refs the external functions and globals named under c. */
void pf_lower_refs(struct pf_lower_ctx *cx, CXCursor c);
int pf_lower_annotation_source(struct pf_lower_ctx *cx, CXCursor decl, const char *kind,
                               const char *name);
const char *pf_lower_annotation_purpose(struct pf_lower_ctx *cx, CXCursor decl, const char *kind);
int pf_lower_field_source(struct pf_lower_ctx *cx, CXCursor field);
/* The category of a PII(...) or PII_OUT(...) on decl (or on its typedef),
 * else NULL. Adds no source: for the inventory. */
const char *pf_lower_pii_category(struct pf_lower_ctx *cx, CXCursor decl);
/* The names a rules "field" entry may give the record rec. */
struct pf_ir_record_names pf_lower_record_names(struct pf_lower_ctx *cx, CXCursor rec);

/* inventory.c: records the named declarations of the project's own code
 * into tu->decls (after the functions are lowered). */
void pf_lower_inventory(struct pf_lower_ctx *cx, CXCursor root);
void pf_lower_translation_unit(struct pf_lower_ctx *cx, CXCursor root);

/* stmt.c */
void pf_lower_function_body(struct pf_lower_ctx *cx, CXCursor fn, struct pf_ir_fdecl *decl);
struct pf_ir_var *pf_lower_local(struct pf_lower_ctx *cx, CXCursor decl);
void pf_lower_emit(struct pf_lower_ctx *cx, enum pf_ir_skind kind, struct pf_ir_expr *e,
                   struct pf_ir_var *var, struct pf_ir_pos pos);

/* expr.c */
struct pf_ir_expr *pf_lower_expr(struct pf_lower_ctx *cx, CXCursor c);
/* The value of an integer constant expression; false when c is none. */
bool pf_lower_int_const(CXCursor c, long long *value);
CXCursor pf_lower_strip(CXCursor c); /* through parens and implicit casts */

#endif
