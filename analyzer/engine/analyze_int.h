/*
 * State of the analysis of one function: abstract locations (a root and a
 * path of field and dereference steps), the flow-sensitive state mapping
 * locations to labels and points-to sets, and the trace nodes that explain
 * each label. Internal to analyzer/engine/.
 */
#ifndef PF_ANALYZE_INT_H
#define PF_ANALYZE_INT_H

#include "engine/engine_int.h"

enum pf_root {
	PF_ROOT_LOCAL,   /* a local variable or parameter (var) */
	PF_ROOT_GLOBAL,  /* index: program global id */
	PF_ROOT_HEAP,    /* index: call site of the allocation */
	PF_ROOT_CALLRET, /* index: call site whose result points here */
	PF_ROOT_FUNC,    /* index: program function id */
	PF_ROOT_CALLNEW, /* index: call site * PF_NEW_MAX + the callee's PF_PORT_NEW index */
};

struct pf_loc {
	uint8_t root;
	bool sym; /* unwritten parts hold the function's entry values */
	int index;
	struct pf_ir_var *var;
	int parent; /* -1 for a root */
	int depth;
	const char *step; /* interned "*" or ".name" */
	const char *path; /* interned path from the root */
	int source;       /* program source declared on this step, or -1 */
	/* its C type where known: a local's or a parameter's, and what lies
	 * below one along fields, elements and pointers; else NULL */
	const struct pf_ir_type *type;
	int first_child, next_sibling; /* the locations one step below, or -1 */
};

struct pf_entry {
	uint32_t loc;
	bool killed; /* overwritten as a whole: entry values are gone */
	const struct pf_tset *labels;
	const struct pf_lset *pts;
};

struct pf_cvar {
	const struct pf_ir_var *var;
	uint64_t mask;
	const struct pf_consent_check *by; /* the call whose result it holds */
};

struct pf_state {
	bool reached;
	uint32_t n, cap;
	struct pf_entry *v; /* sorted by loc */
	uint64_t consent;
	uint32_t ncv;
	struct pf_cvar *cv;
	/* the checks behind consent, at most one per purpose (consent.c) */
	uint32_t nby;
	const struct pf_consent_check **by;
};

/* A step of a trace, newest first through parent. A node is either one
 * step (message at pos) or a splice of a callee's whole edge trace (steps),
 * which keeps extending a label by a summary edge O(1). */
struct pf_tnode {
	uint32_t parent;
	struct pf_ir_pos pos;
	const char *message;
	const struct pf_step *steps;
	unsigned nsteps;
};

struct pf_val {
	const struct pf_tset *labels;
	const struct pf_lset *pts;
	const struct pf_lset *objs; /* records: the objects holding the value */
};

struct pf_lv {
	const struct pf_lset *locs;
	bool weak;
};

/* Something pf_finish emitted (an object or a points-to set, tagged) at a
 * port. */
struct pf_emitted {
	uint64_t what;
	struct pf_port to;
};

/* A label set pf_emit_by sent through the summary's hub (emit.c), and what
 * sending it to another port needs. */
struct pf_hub_set {
	struct pf_port port;     /* the port it sends from, when ports == 1 */
	struct pf_port excluded; /* when excl: the port whose labels were left out */
	uint8_t ports;           /* distinct ports it sends from, up to 2 */
	bool excl;               /* some labels were not sent, being excluded's own */
	bool direct;             /* it holds labels that bypass the hub (sources, endpoints) */
};

/* What one call of pf_emit_by picked for a coarse origin: the label with
 * the shortest trace (stamp: the call). */
struct pf_pick {
	uint32_t stamp, label, len;
};

struct pf_actx {
	struct pf_program *p;
	struct pf_fn *fn;
	struct pf_ir_func *body;
	int tu;
	struct pf_arena a;  /* scratch: released before each block is visited */
	struct pf_arena pa; /* what outlives a visit: block states, return values */
	PF_VEC(struct pf_loc) locs;
	uint32_t *loc_slots; /* hash: (root, index, var, parent, step) -> loc + 1 */
	size_t loc_cap;
	PF_VEC(struct pf_port) origins;
	/* per origin, the origin of its port as coarsening cuts it, and per
	 * such origin what one call of pf_emit_by picked: the label with the
	 * shortest trace (emit.c) */
	PF_VEC(uint32_t) coarse_id;
	struct pf_pick *picks;
	size_t npicks;
	/* past the summary's bound, the points-to sets emitted through a hub
	 * of their own (emit.c): set k - 1 at PF_PORT_HUB index k */
	const struct pf_lset *spread_sets[PF_PTS_HUBS];
	int nspread;
	uint32_t pick_cur;
	uint32_t *origin_slots; /* hash: port -> origin + 1 */
	size_t origin_cap;
	/* reads memoized until the state changes (gen counts changes) */
	uint64_t gen;
	struct pf_memo_read {
		uint64_t gen_read, gen_deep, gen_up;
		const struct pf_tset *read, *deep, *up;
	} * memo;
	/* the deep read in progress also reads the objects that hold what it
	 * reaches as a member (pf_val_deep_up) */
	bool deep_up;
	size_t nmemo;
	PF_VEC(struct pf_tnode) tnodes;
	uint32_t *tnode_slots; /* hash: (parent, position, message) -> node + 1 */
	size_t tnode_cap;
	struct pf_state st; /* the state being transformed */
	const struct pf_tset *ret_labels;
	const struct pf_lset *ret_pts, *ret_objs;
	struct pf_summary out;
	bool set_warned;
	uint64_t work; /* a deterministic count of the analysis's effort */
	/* deep reads: label accumulators (0: a location, 1: a value) and the
	 * locations already visited, both reset by bumping a stamp */
	struct pf_acc {
		uint32_t *stamp, *trace, *list;
		size_t cap, n;
		uint32_t cur;
		/* sets added in the current read, by address (sets are
		 * immutable and shared: many locations hold the same one) */
		const struct pf_tset *sets[PF_ACC_SETS];
		uint32_t sets_stamp[PF_ACC_SETS];
	} acc[2];
	/* the sets one state copy or join kept (cloned into pa), by the
	 * address they had, and the unions it made, by the addresses of the
	 * pair; unions: those made in a since the visit began. Where many
	 * locations share sets, they share the copies and unions (state.c:
	 * pf_keep, pf_pair) */
	struct pf_kept {
		const void *from, *from2, *to;
		uint32_t stamp;
	} kept[PF_KEEP_SETS], joined[PF_KEEP_SETS], unions[PF_KEEP_SETS];
	uint32_t kept_cur;
	uint32_t unions_cur;
	/* per location: whether it may have an entry in st (set when one is
	 * added, all cleared when st is replaced); past npresent, unknown */
	uint8_t *present;
	size_t npresent;
	uint32_t *loc_seen;
	size_t nloc_seen;
	uint32_t seen_cur;
	int nseen;
	uint64_t deep_cuts;       /* deep reads stopped by a PF_DEEP_* bound with more to read */
	uint64_t emit_cuts;       /* objects whose contents PF_EMIT_DEPTH kept out of the summary */
	const char *callback_cut; /* a function with no body whose callback PF_CALLBACK_DEPTH
	                           * kept from being called, or NULL */
	const char *dcall_cut;    /* a function whose deferred call PF_DCALL_DEPTH kept from
	                           * being made, or NULL */
	/* Whether anything in this analysis can hold a label: a write of one
	 * (every label in a state is written by pf_write), a location that is
	 * a source, a global that holds data. With none of them and no
	 * demanded parameter, a deep read finds nothing and is not made. */
	bool wrote_labels, source_locs, tainted_locs;
	int call_depth;
	/* the new objects (PF_PORT_NEW index) emitted in this run */
	uint32_t new_emitted;
	bool init_elements; /* writing a constant global's initializer */
	/* pf_finish: what was emitted already at which port (an object, a
	 * points-to set), so that what many locations share is emitted once */
	PF_VEC(struct pf_emitted) emitted;
	uint32_t *emitted_slots; /* hash: (what, port) -> emitted + 1 */
	size_t emitted_cap;
	bool finishing;
	/* pf_finish past the summary's bound (emit.c: pf_out_check): what was
	 * emitted so far was coarsened (and what follows is emitted coarse),
	 * and past the bound even so, it went through the hub the summary
	 * would go through at the end (hubbed: pf_summary_hub's result),
	 * and what follows is emitted through it; each label set sent to the
	 * hub is remembered (hub_sets), so that sending it to another port
	 * costs one edge, not one per label */
	bool coarsened;
	int hubbed;
	size_t hub_check; /* the summary's size at which to look again */
	PF_VEC(struct pf_hub_set) hub_sets;
	struct pf_ptrmap hub_index; /* a label set -> its record in hub_sets + 1 */
};

/* locations */
uint32_t pf_loc_root(struct pf_actx *cx, enum pf_root root, int index, struct pf_ir_var *var);
uint32_t pf_loc_child(struct pf_actx *cx, uint32_t parent, const char *step, int source);
/* Whether step (".name", or ".name#source") selects the field name. */
bool pf_step_is_field(const char *step, const char *name);
uint32_t pf_loc_var(struct pf_actx *cx, struct pf_ir_var *v);
/* The step of a field (".name", or ".name#source" for a field of personal
 * data), interned. */
const char *pf_field_step(struct pf_actx *cx, const char *name, int source);
bool pf_loc_under(struct pf_actx *cx, uint32_t loc, uint32_t ancestor);
const char *pf_path_suffix(struct pf_actx *cx, uint32_t loc, uint32_t ancestor);
/* The port a symbolic location reads from at entry; false if not nameable. */
bool pf_loc_port(struct pf_actx *cx, uint32_t loc, bool deep, struct pf_port *out);

/* state */
/* The tables of locations, origins, trace nodes and what pf_finish emitted
 * are open-addressing hashes whose slots hold an item's index + 1 (0:
 * empty). Before one is half full it is rebuilt at twice the size (min_cap
 * the first time) over the n items from first on, hash(cx, i) being item
 * i's hash. */
void pf_slots_reserve(struct pf_actx *cx, uint32_t **slots, size_t *cap, size_t n, size_t first,
                      size_t min_cap, uint64_t (*hash)(struct pf_actx *cx, size_t i));
void pf_state_copy(struct pf_actx *cx, struct pf_arena *a, struct pf_state *dst,
                   const struct pf_state *src);
bool pf_state_join(struct pf_actx *cx, struct pf_state *dst, const struct pf_state *src);
struct pf_entry *pf_state_get(struct pf_state *s, uint32_t loc);
/* pf_state_get in the current state, cx->st: a location that never had
 * an entry there since it was replaced is answered without a search. */
struct pf_entry *pf_cur_get(struct pf_actx *cx, uint32_t loc);
/* After cx->st is replaced as a whole: which locations have entries. */
void pf_present_reset(struct pf_actx *cx);
/* Before the scratch arena is reused: forgets the unions made in it. */
void pf_unions_forget(struct pf_actx *cx);
const struct pf_tset *pf_read_labels(struct pf_actx *cx, uint32_t loc);
const struct pf_lset *pf_read_pts(struct pf_actx *cx, uint32_t loc);
const struct pf_tset *pf_deep_labels(struct pf_actx *cx, uint32_t loc);
const struct pf_tset *pf_val_deep(struct pf_actx *cx, const struct pf_val *v);
/* pf_val_deep, and the objects that hold what it reaches as a member: what
 * a callee may read after container_of(). Decides demand only. */
const struct pf_tset *pf_val_deep_up(struct pf_actx *cx, const struct pf_val *v);
void pf_write(struct pf_actx *cx, const struct pf_lset *locs, const struct pf_val *v, bool strong);
void pf_kill_fields(struct pf_actx *cx, uint32_t loc);

/* kills.c */
/* What fn overwrites on every path through it, through a pointer
 * parameter it never changes (fn->kills), once per function: `it->next =
 * l->head` in a block every path to the exit runs through, or a direct
 * call of a function that does so with the parameter as its argument. */
void pf_kills_compute(struct pf_actx *cx);

/* eval.c: expressions and statements */
extern const struct pf_val pf_val_none;
struct pf_val pf_val_union(struct pf_actx *cx, struct pf_val a, struct pf_val b);
/* s interned in the program's strings. */
const char *pf_istr(struct pf_actx *cx, const char *s);
/* Messages of trace steps, interned: the same step is made again at every
 * visit of its block, and must not cost memory each time. */
__attribute__((format(printf, 2, 3))) const char *pf_msg(struct pf_actx *cx, const char *fmt, ...);
/* Children of every location of a set, along one step. */
const struct pf_lset *pf_children(struct pf_actx *cx, const struct pf_lset *locs, const char *step,
                                  int source);
/* The labels of every location of locs (deep: and of all below each). */
const struct pf_tset *pf_read_set(struct pf_actx *cx, const struct pf_lset *locs, bool deep);
const struct pf_lset *pf_read_pts_set(struct pf_actx *cx, const struct pf_lset *locs);
/* A name for an expression in messages: "buf", "u->email", "tracker.track". */
const char *pf_describe(struct pf_actx *cx, struct pf_ir_expr *e);
struct pf_val pf_eval(struct pf_actx *cx, struct pf_ir_expr *e);
struct pf_lv pf_lval(struct pf_actx *cx, struct pf_ir_expr *e);
/* Assigns rhs to the objects lv (of type t); out, if not NULL, gets the
 * value assigned. */
void pf_assign_to(struct pf_actx *cx, struct pf_lv lv, struct pf_ir_expr *rhs,
                  const struct pf_ir_type *t, struct pf_val *out);
void pf_stmt(struct pf_actx *cx, struct pf_ir_stmt *s);

/* emit.c: the summary */
void pf_emit(struct pf_actx *cx, const struct pf_tset *labels, struct pf_port to, bool consented);
/* pf_emit naming the check that consented (NULL: none known). */
void pf_emit_by(struct pf_actx *cx, const struct pf_tset *labels, struct pf_port to, bool consented,
                const struct pf_consent_check *by);
/* Points-to edges into port to, one per target a caller can name (a
 * parameter's pointee, a global, a function). */
void pf_emit_pts(struct pf_actx *cx, const struct pf_lset *targets, struct pf_port to);
/* The summary of a function too costly to analyze (its work budget ran
 * out): each demanded parameter reaches the result and what every writable
 * pointer parameter points to. */
void pf_assume_everything(struct pf_actx *cx);
/* Emits the function's outputs from the state at its exit (cx->st). */
void pf_finish(struct pf_actx *cx);

/* instantiate.c: a callee's summary applied at a call */
struct pf_callsite {
	struct pf_fn *g;
	struct pf_val *args;
	struct pf_ir_expr **argx; /* entries are NULL for a synthesized call */
	unsigned nargs;
	struct pf_ir_expr *call;
	const char *via;
	/* per deferred call of g's summary, in its order: what it returned
	 * (instantiate.c's second pass), else NULL */
	const struct pf_tset *const *dret;
};
/* The labels of s with their traces extended at pos: a step before, a
 * callee's steps, a step after (each optional). */
const struct pf_tset *pf_extend(struct pf_actx *cx, const struct pf_tset *s, struct pf_ir_pos pos,
                                const char *before, const struct pf_step *steps, unsigned nsteps,
                                const char *after);
/* Applies the summary of a function with a body (or of a group) at a call. */
struct pf_val pf_instantiate(struct pf_actx *cx, const struct pf_callsite *cs);

/* call.c: calls */
/* Everything an argument carries: its value, what it reaches, and the
 * fields its type declares personal data. */
const struct pf_tset *pf_arg_deep(struct pf_actx *cx, const struct pf_val *v,
                                  struct pf_ir_expr *argx);
/* Demands the parameters of g that this call passes data. */
void pf_demand_args(struct pf_actx *cx, struct pf_fn *g, struct pf_val *args, unsigned nargs);
/* A call of g (via: the trace step of a call through a pointer, or NULL). */
struct pf_val pf_apply_call(struct pf_actx *cx, struct pf_fn *g, struct pf_val *args,
                            struct pf_ir_expr **argx, unsigned nargs, struct pf_ir_expr *call,
                            const char *via);
struct pf_val pf_eval_call(struct pf_actx *cx, struct pf_ir_expr *e);
/* Whether evaluating e ends the program: a call of a function that does
 * (pf_fn.noreturn), alone or in a comma expression. */
bool pf_expr_ends(struct pf_actx *cx, const struct pf_ir_expr *e);
/* A call through a pointer that points to fnpts, at call (the call as
 * written: orig): the functions among them; where it points to nothing
 * but what a parameter holds, a deferred call kept in the summary for the
 * callers to resolve, where they can (struct pf_dcall); else the
 * functions of the pointer's type. */
struct pf_val pf_call_through(struct pf_actx *cx, const struct pf_lset *fnpts, struct pf_val *args,
                              struct pf_ir_expr **argx, unsigned nargs, struct pf_ir_expr *call,
                              const struct pf_ir_expr *orig, const char *via);
/* The number of the call written as orig among the calls through
 * pointers the function keeps for its callers or makes for its callees
 * (pf_fn.dsites), the same in every analysis. */
int pf_dsite(struct pf_actx *cx, const struct pf_ir_expr *orig);

/* models.c: library functions modelled by the engine */
/* The va_list builtins (__builtin_va_*); true when g is one. */
bool pf_model_builtin(struct pf_actx *cx, struct pf_fn *g, struct pf_val *args, unsigned nargs);
/* The call of an allocator or of a function that frees memory
 * (g->model, from pf_name_model's table); true when handled. */
bool pf_model_call(struct pf_actx *cx, struct pf_fn *g, struct pf_val *args, unsigned nargs,
                   struct pf_ir_expr *call, struct pf_val *result);
/* Where a rule writes "into argument i". */
const struct pf_lset *pf_arg_target(struct pf_actx *cx, const struct pf_val *v,
                                    struct pf_ir_expr *argx);
/* A library call modelled by a rules propagator. */
struct pf_val pf_propagate(struct pf_actx *cx, struct pf_fn *g, struct pf_val *args,
                           struct pf_ir_expr **argx, unsigned nargs, struct pf_ir_expr *call);
/* A function with no body and no rule. */
struct pf_val pf_opaque(struct pf_actx *cx, struct pf_fn *g, struct pf_val *args,
                        struct pf_ir_expr **argx, unsigned nargs, struct pf_ir_expr *call);
/* The function pointers handed to g, called with the call's other
 * arguments. */
void pf_callbacks(struct pf_actx *cx, struct pf_fn *g, struct pf_val *args,
                  struct pf_ir_expr **argx, unsigned nargs, struct pf_ir_expr *call);

/* curl.c */
const struct pf_tset *pf_curl_string_labels(struct pf_actx *cx, const char *text);
bool pf_origin_is_endpoint(struct pf_actx *cx, uint32_t origin);
/* Reports data for the purpose of each catalog host that url carries, as a
 * sink at libcurl's call (fn, site, arg), reached through the analyzed
 * function's call via (-1: the call itself); a URL that came in through a
 * parameter or a global makes a conditional sink that callers resolve
 * with the URL they pass. */
void pf_curl_report_at(struct pf_actx *cx, const struct pf_tset *url, const struct pf_tset *data,
                       struct pf_fn *fn, int site, int arg, const char *callee,
                       struct pf_ir_pos pos, int via, bool consented,
                       const struct pf_consent_check *by);
/* libcurl's calls; true when handled (result set for calls returning data). */
bool pf_curl_call(struct pf_actx *cx, struct pf_fn *g, struct pf_val *args,
                  struct pf_ir_expr **argx, unsigned nargs, struct pf_ir_expr *call,
                  struct pf_val *result);

/* consent.c: the checks behind a state's consent */
/* Adds check c to st (a copy of the array, in cx->a) unless st names one
 * for its purposes already: the first check on a path is the one named. */
void pf_state_consent_add(struct pf_actx *cx, struct pf_state *st,
                          const struct pf_consent_check *c);
/* After dst->consent &= src->consent: dst keeps its checks of the purposes
 * left and takes src's for those it lacks (arrays in cx->pa). */
void pf_state_consent_join(struct pf_actx *cx, struct pf_state *dst, const struct pf_state *src);
/* The check behind st's consent for the purposes of bit, or NULL. */
const struct pf_consent_check *pf_state_consent_by(const struct pf_state *st, uint64_t bit);
/* A call record of st's consent: the checks copied to the program's arena. */
void pf_callrec_consent(struct pf_actx *cx, struct pf_callrec *rec);
/* The purposes a branch condition (or an assigned value) tests for
 * consent: a consent call, or a local holding its result. */
uint64_t pf_consent_of(struct pf_actx *cx, struct pf_ir_expr *e);
/* The check behind pf_consent_of(cx, e), or NULL. */
const struct pf_consent_check *pf_consent_check_of(struct pf_actx *cx, struct pf_ir_expr *e);
/* Local v holds a consent result (mask, by) until it is reassigned. */
void pf_set_consent_var(struct pf_actx *cx, const struct pf_ir_var *v, uint64_t mask,
                        const struct pf_consent_check *by);

/* origins and traces */
uint32_t pf_origin(struct pf_actx *cx, const struct pf_port *port);
uint32_t pf_tnode(struct pf_actx *cx, uint32_t parent, struct pf_ir_pos pos, const char *msg);
uint32_t pf_tnode_splice(struct pf_actx *cx, uint32_t parent, const struct pf_step *steps,
                         unsigned nsteps);
struct pf_step *pf_trace_flatten(struct pf_actx *cx, uint32_t trace, unsigned *n);
unsigned pf_trace_length(struct pf_actx *cx, uint32_t trace);
const struct pf_tset *pf_source_label(struct pf_actx *cx, int source);

#endif
