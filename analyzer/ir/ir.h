/*
 * The IR: each function lowered once, from libclang's AST, into a control
 * flow graph of small expression trees that say only what matters for data
 * flow (which object is read or written, what is called, what is combined).
 * The flow engine works on this IR alone, so libclang types stay in the
 * lowering stage and summaries can be computed without the AST in memory.
 *
 * Ownership: everything of a translation unit lives in its pf_ir_tu's arena
 * and is freed by pf_ir_tu_free. Strings that name files, functions and
 * globals are arena copies too, except in units read with a shared table
 * (pf_ir_read_shared), whose strings are the table's.
 */
#ifndef PF_IR_H
#define PF_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"

struct pf_ir_pos {
	const char *file; /* display path */
	unsigned line, column;
};

/* What makes a source personal data. Lowering does not see the rules: a
 * field or global without annotation is recorded by name, and becomes
 * personal data only when a rules entry names it, when the program is
 * linked (engine/rules_apply.c). */
enum pf_ir_srckind {
	PF_IR_SRC_DECLARED, /* an annotation */
	PF_IR_SRC_FIELD,    /* a field, if a rules "field" entry names it */
	PF_IR_SRC_GLOBAL,   /* a global, if a rules "variable" entry names it */
};

/* The names a rules "field" entry may give a field's record: its tag, and
 * its type's spelling without "struct "/"union " (the typedef of an
 * anonymous record). Both "" when unknown. */
struct pf_ir_record_names {
	const char *tag, *type;
};

/* A declaration (or a rules entry) that makes data personal. */
struct pf_ir_source {
	enum pf_ir_srckind kind;
	struct pf_ir_record_names record; /* PF_IR_SRC_FIELD */
	const char *category;             /* NULL until a rules entry matches (not DECLARED) */
	const char *name;     /* the declared name ("email") or the function ("getlogin") */
	const char *function; /* the function it lies in, "" for declarations at file scope */
	const char *how;      /* "is declared personal data" or "returned by 'getlogin'" */
	struct pf_ir_pos pos;
	int id; /* index in the owning table (TU-local before linking, program-wide after) */
};

enum pf_ir_tkind {
	PF_T_VOID,
	PF_T_SCALAR,
	PF_T_POINTER,
	PF_T_ARRAY,
	PF_T_RECORD,
	PF_T_FUNCTION,
};

struct pf_ir_field {
	const char *name;
	struct pf_ir_type *type;
	int source; /* pf_ir_source id, or -1 */
};

struct pf_ir_type {
	enum pf_ir_tkind kind;
	const char *spelling;      /* canonical spelling, for function-pointer matching */
	struct pf_ir_type *target; /* pointee, array element or function return */
	bool target_const;         /* pointer to const */
	bool is_union;
	bool complete; /* record: fields known */
	/* scalar: a value of this type is never taken for a pointer: an
	 * integer other than intptr_t and uintptr_t, an enum, _Bool, a
	 * floating type. C needs a cast to store a pointer in one, and
	 * nothing but intptr_t and uintptr_t is meant to bring it back. */
	bool no_pointer;
	struct pf_ir_field *fields;
	size_t nfields;
	int nparams; /* function: fixed parameters; -1 when unprototyped */
	bool variadic;
};

enum pf_ir_vkind { PF_V_LOCAL, PF_V_PARAM, PF_V_GLOBAL };

struct pf_ir_var {
	enum pf_ir_vkind kind;
	const char *name;
	struct pf_ir_type *type;
	int index;       /* local: slot in the function; param: position; global: program id */
	int source;      /* PII(...) on the declaration: source id, or -1 */
	const char *key; /* global: link key (name, or name@file for statics) */
};

enum pf_ir_ekind {
	PF_E_VAR,     /* var */
	PF_E_FUNC,    /* function designator: callee */
	PF_E_FIELD,   /* kids[0].name or kids[0]->name (arrow) */
	PF_E_DEREF,   /* *kids[0] */
	PF_E_INDEX,   /* kids[0][kids[1]] where kids[0] is an array object */
	PF_E_ADDR,    /* &kids[0] */
	PF_E_CALL,    /* kids[0](kids[1..]) */
	PF_E_ASSIGN,  /* kids[0] = kids[1]; compound: kids[0] op= kids[1] */
	PF_E_COMBINE, /* a value made of all kids (arithmetic, logic, conditional) */
	PF_E_SEQ,     /* evaluate every kid, value of the last (comma operator) */
	PF_E_CONST,   /* a value that carries nothing (literal, sizeof) */
	PF_E_STRING,  /* string literal */
	PF_E_INIT,    /* initializer list: kids[i] initializes designator[i] */
	PF_E_VAARG,   /* va_arg(kids[0], T) */
};

struct pf_ir_expr {
	enum pf_ir_ekind kind;
	struct pf_ir_type *type;
	struct pf_ir_pos pos;
	struct pf_ir_expr **kids;
	unsigned nkids;
	union {
		struct pf_ir_var *var; /* PF_E_VAR */
		struct {               /* PF_E_FIELD */
			const char *name;
			bool arrow;
			int source; /* PII on the field (annotation or rule), or -1 */
			int index;  /* field number in its record, for unions and init lists */
		} field;
		struct { /* PF_E_FUNC */
			const char *key;
			const char *name;
		} func;
		struct {          /* PF_E_CALL */
			int site; /* call site number within the function */
		} call;
		struct { /* PF_E_ASSIGN */
			bool compound;
		} assign;
		const char *text; /* PF_E_STRING: the literal's value (NULL if not
		                   * a plain string); PF_E_CONST: an enumerator's name */
		struct {          /* PF_E_INIT: per kid, the field path it initializes ("" for
			           * array elements and positional entries of arrays) */
			const char **designator;
			int *element; /* arrays: per kid, the element index, or -1 */
			bool is_array;
		} init;
		struct { /* PF_E_INDEX: the index, when it is a constant */
			long long value;
			bool known;
		} index;
	} u;
};

enum pf_ir_skind {
	PF_S_EVAL,   /* expr */
	PF_S_INIT,   /* var = expr (declaration with initializer) */
	PF_S_RETURN, /* return expr (expr may be NULL) */
};

struct pf_ir_stmt {
	enum pf_ir_skind kind;
	struct pf_ir_expr *expr;
	struct pf_ir_var *var;
	struct pf_ir_pos pos;
};

enum pf_ir_term { PF_TERM_GOTO, PF_TERM_BRANCH, PF_TERM_EXIT };

struct pf_ir_block {
	struct pf_ir_stmt *stmts;
	unsigned nstmts, capstmts;
	enum pf_ir_term term;
	struct pf_ir_expr *cond; /* BRANCH: true -> succ[0], false -> succ[1] */
	int succ[2];
};

/* What annotations (or rules) say about a function's interface. Merged over
 * all of its declarations when linking. */
struct pf_ir_fdecl {
	const char *key;
	const char *name;
	bool is_static;
	struct pf_ir_pos pos;
	struct pf_ir_type *type; /* function type */
	int nparams;
	bool variadic;
	int ret_source;            /* PII on the function: source id or -1 */
	const char *sink_purpose;  /* PII_SINK on the function: every argument */
	const char **param_sink;   /* per param: purpose or NULL */
	int *param_source;         /* per param: PII source id or -1 */
	int *param_out_source;     /* per param: PII_OUT source id or -1 */
	bool *param_const_pointee; /* per param: pointer to const */
	const char **param_names;
	bool anonymizer;
	const char *consent_purpose;
};

struct pf_ir_func {
	struct pf_ir_fdecl *decl;
	struct pf_ir_var **params; /* decl->nparams entries */
	struct pf_ir_var **locals;
	unsigned nlocals, caplocals;
	struct pf_ir_block *blocks;
	unsigned nblocks, capblocks; /* block 0 is the entry */
	unsigned ncallsites;
	unsigned nstmts; /* for budgets and statistics */
};

struct pf_ir_global {
	const char *key;
	const char *name;
	bool is_static;
	struct pf_ir_type *type;
	int source; /* PII on the declaration, or -1 */
	struct pf_ir_pos pos;
	/* The initializer of a definition at file scope that names functions
	 * or strings (callback tables, trackers, endpoint URLs), or NULL. */
	struct pf_ir_expr *init;
	bool is_const; /* the object itself (or each element) is const */
	/* the unit defines it (a tentative definition counts), not only
	 * declares it: where several programs share a database, which unit a
	 * reference resolves to (engine/programs.c) */
	bool defined;
	/* a definition of it in the unit has an initializer (kept in init
	 * or not): one without holds zeros until something writes it */
	bool initialized;
	/* its definition is an array of one character (git's strbuf_slopbuf,
	 * the empty string every strbuf points to until it grows) */
	bool one_char;
};

/* A named declaration of the project's own code (not of a system header):
 * the inventory that `piiflow discover` reads names and types from. */
enum pf_ir_dkind { PF_D_FIELD, PF_D_GLOBAL, PF_D_PARAM, PF_D_FUNCTION };

struct pf_ir_decl {
	enum pf_ir_dkind kind;
	const char *name;
	const char *scope; /* field: its record's tag or typedef; param: its function; else "" */
	const char *type;  /* the declared type as written ("char [64]", "struct in_addr *") */
	const char *base_type; /* without pointers, arrays and qualifiers ("struct in_addr") */
	bool scalar;           /* an integer, bool, enum or floating type (after arrays: no) */
	bool annotated;        /* carries PII(...) or PII_OUT(...) (rules are not seen here) */
	const char *category;  /* then its category, else "" */
	const char *how;       /* then "is declared personal data", else "" */
	struct pf_ir_record_names record; /* field: for rules entries */
	bool redecl;          /* a later declaration, recorded only to say it is annotated */
	struct pf_ir_pos pos; /* the name */
	/* where " PII(category)" goes: after the declarator (before an initializer
	 * or a bit-field width), or for a function before its declaration; line 0
	 * when no edit is safe (declared inside a macro) */
	struct pf_ir_pos insert;
};

struct pf_ir_diag {
	const char *rule; /* "parse-error", "unknown-category" */
	bool is_error;
	struct pf_ir_pos pos;
	const char *message;
};

/* One lowered translation unit. */
struct pf_ir_tu {
	struct pf_arena arena;
	const char *file; /* display path of the main file */
	struct pf_ir_source **sources;
	size_t nsources, capsources;
	struct pf_ir_fdecl **fdecls; /* every function declared or called */
	size_t nfdecls, capfdecls;
	struct pf_ir_func **funcs; /* every function with a body */
	size_t nfuncs, capfuncs;
	struct pf_ir_global **globals;
	size_t nglobals, capglobals;
	struct pf_ir_var **global_refs; /* every PF_V_GLOBAL var object, for linking */
	size_t nglobal_refs, capglobal_refs;
	const char **addr_taken; /* keys of functions whose address is taken */
	size_t naddr_taken, capaddr_taken;
	/* The external functions and globals the unit names, each once: in the
	 * bodies it lowers (static locals' initializers too) and in the
	 * initializers of its globals, static or not, whether lowering keeps
	 * the initializer or not (a table of `&handler` pointers names no
	 * function and is not kept). The names a link of the unit resolves
	 * (engine/programs.c). */
	const char **refs;
	size_t nrefs, caprefs;
	const char **includes; /* absolute paths of every file the TU read, main file first */
	size_t nincludes, capincludes;
	struct pf_ir_diag *diags;
	size_t ndiags, capdiags;
	struct pf_ir_decl *decls; /* the inventory, in source order */
	size_t ndecls, capdecls;
	bool fatal; /* the file could not be parsed at all */
	/* What the link reads from the bodies (pf_engine_link_facts), gathered
	 * once for a unit the language server holds: the keys of functions used
	 * other than called, and the global variables an expression may change.
	 * Not written to the IR files. */
	bool has_link_facts;
	const char **link_fns;
	size_t nlink_fns;
	struct pf_ir_var **link_vars;
	size_t nlink_vars;
	/* read with pf_ir_read_shared: the strings live there, and the unit
	 * holds a reference to it; else NULL */
	struct pf_ir_shared *shared;
};

/* The function type t is or points to (the callee's type of a call through
 * a pointer, a function designator's), or NULL. */
const struct pf_ir_type *pf_ir_function_type(const struct pf_ir_type *t);
struct pf_ir_tu *pf_ir_tu_new(void);
/* Frees the unit, and drops its reference to the table it was read with. */
void pf_ir_tu_free(struct pf_ir_tu *tu);

/* What the units of one program share when they are read (ir_io.h). */
struct pf_ir_shared;
/* Drops a reference: the table is freed with the last of its units. */
void pf_ir_shared_release(struct pf_ir_shared *sh);

/* Constructors; all memory comes from the TU's arena. */
struct pf_ir_expr *pf_ir_expr_new(struct pf_ir_tu *tu, enum pf_ir_ekind kind,
                                  struct pf_ir_type *type, struct pf_ir_pos pos, unsigned nkids);
int pf_ir_add_source(struct pf_ir_tu *tu, const char *category, const char *name,
                     const char *function, const char *how, struct pf_ir_pos pos);
/* A field (record set) or global (record NULL) that only a rules entry can
 * make personal data; not shared with other sources. */
int pf_ir_add_named(struct pf_ir_tu *tu, const char *name, const struct pf_ir_record_names *record,
                    struct pf_ir_pos pos);
void pf_ir_add_diag(struct pf_ir_tu *tu, const char *rule, bool is_error, struct pf_ir_pos pos,
                    const char *message);
int pf_ir_func_new_block(struct pf_ir_tu *tu, struct pf_ir_func *fn);
void pf_ir_block_add_stmt(struct pf_ir_tu *tu, struct pf_ir_block *b, struct pf_ir_stmt st);

/* Appends to a TU-owned growable array (arrays of pointers). */
#define PF_IR_PUSH(tu, arr, n, cap, item)                                                          \
	do {                                                                                       \
		if ((n) == (cap)) {                                                                \
			size_t newcap_ = (cap) ? (cap)*2 : 16;                                     \
			void *p_ = pf_arena_alloc(&(tu)->arena, newcap_ * sizeof(*(arr)));         \
			if (n)                                                                     \
				memcpy(p_, (arr), (n) * sizeof(*(arr)));                           \
			(arr) = p_;                                                                \
			(cap) = newcap_;                                                           \
		}                                                                                  \
		(arr)[(n)++] = (item);                                                             \
	} while (0)

#endif
