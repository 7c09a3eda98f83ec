/*
 * Internal model of the engine: the linked program, ports and summaries,
 * and the per-function analysis state. Internal to analyzer/engine/.
 */
#ifndef PF_ENGINE_INT_H
#define PF_ENGINE_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "engine/engine.h"
#include "engine/lattice.h"
#include "util/arena.h"
#include "util/intern.h"
#include "util/ptrmap.h"
#include "util/xalloc.h"

/* A port: where data enters or leaves a function. Paths are interned
 * strings of steps: "*" dereferences, ".name" selects a field. */
enum pf_port_kind {
	PF_PORT_SOURCE, /* index: program source id */
	PF_PORT_PARAM,  /* index: parameter (nparams: the variadic arguments) */
	PF_PORT_GLOBAL, /* index: program global id */
	PF_PORT_FUNC,   /* index: program function id (a function's address) */
	PF_PORT_RETURN,
	PF_PORT_SINK,     /* index: program sink-site id */
	PF_PORT_ENDPOINT, /* path: an endpoint host of the catalog (a from-port) */
	PF_PORT_HUB,      /* a simplified summary: whatever reaches it reaches all it feeds */
	PF_PORT_NEW,      /* index: an object the function made (allocated, or got from a
	                   * callee that made it) and left reachable from a parameter;
	                   * the caller makes one of its own per call site */
	/* a to-port: what a deferred call (struct pf_dcall) is handed, index
	 * PF_DCALL_PORT(id, argument); argument PF_DCALL_FN: the functions
	 * it calls (points-to edges) */
	PF_PORT_CALLARG,
	PF_PORT_CALLRET, /* a from-port: the result of deferred call index */
};

/* The ports of a deferred call's arguments: id * PF_DCALL_ARGS + argument. */
#define PF_DCALL_PORT(id, arg) ((id)*PF_DCALL_ARGS + (arg))
#define PF_DCALL_FN (PF_DCALL_ARGS - 1)

struct pf_port {
	uint8_t kind;
	bool deep; /* from-ports: the value and everything reachable from it */
	int index;
	const char *path;
};

struct pf_step {
	struct pf_ir_pos pos;
	const char *message;
};

/* Takes the loops out of n steps, in place: where a step comes again (the
 * same position and message), what lay between goes. The new count. */
unsigned pf_steps_unloop(struct pf_step *s, unsigned n);

/* A consent check: the call of a PII_CONSENT function whose nonzero result
 * a branch tested (consent.c). One per function and call position, in the
 * program's arena. It names what accepted a flow; whether a flow is
 * accepted is decided by the purpose bits alone. */
struct pf_consent_check {
	const char *function; /* the consent function */
	uint64_t bit;         /* its purpose's bit (pf_purpose_bit) */
	struct pf_ir_pos pos; /* the call */
};

struct pf_edge {
	struct pf_port from, to;
	bool pts;       /* "to" may point to "from" (not: receives its data) */
	bool consented; /* a sink reached only under consent for its purpose */
	const struct pf_consent_check *consent_by; /* consented: the check, or NULL */
	struct pf_step *trace;
	unsigned ntrace;
	uint32_t tnode; /* while its function is analyzed: the trace node, not yet flattened */
};

/* A call through a function pointer that a function was handed as an
 * argument (`fn(key, value, data)` in a function that iterates for
 * whoever calls it), kept in its summary rather than resolved by the
 * pointer's type: each caller resolves it with the functions it passes
 * (instantiate.c). Its
 * arguments and its callee are the edges into PF_PORT_CALLARG ports;
 * what it returns comes from PF_PORT_CALLRET. */
struct pf_dcall {
	int id; /* its number in the summary (pf_dsite's) */
	unsigned nargs;
	const struct pf_ir_expr *call; /* the call as written: its position, its types */
	/* the parameter's port it calls through: the calls through one
	 * pointer with as many arguments are one (a formatter calls its
	 * output function at every character) */
	struct pf_port fn;
	const char *via; /* "called through 'fn'" */
};

struct pf_summary {
	struct pf_edge *edges;
	size_t n, cap;
	uint32_t *slots; /* hash index over (from, to, pts): edge + 1 */
	size_t scap;
	PF_VEC(struct pf_dcall) dcalls;
};

struct pf_sink_site {
	const char *purpose;
	const char *callee;
	const char *function; /* the function containing the call */
	int argument;
	struct pf_ir_pos pos;
	int fn; /* containing function id */
	int site;
	const char *endpoint; /* libcurl: the catalog host the data goes to */
	/* libcurl with a URL that came in through the parameters and globals
	 * of the function whose summary holds it (one site per libcurl call,
	 * holding function and call of the holder's it is reached through,
	 * via; -1 for the call itself): a sink only once a caller's URL names
	 * a catalog host; its purpose is that host's. Never a finding by
	 * itself. The summary's edges into the site's port carry the data;
	 * its edges into the site's URL port (path pf_program.url) the URL,
	 * so that they add up rather than multiply. */
	bool conditional;
	int via;
	const char *param; /* the callee's name for the argument, or NULL */
};

struct pf_sinkspec {
	const char *purpose;
	const struct pf_argpos *args; /* NULL: every argument */
	size_t nargs;
	int param;                       /* >= 0: just this parameter */
	const struct pf_rule_when *when; /* or NULL: every call */
};

struct pf_callrec {
	int callee;
	uint64_t consent; /* purposes consented where the call is made */
	/* the checks behind consent, one per purpose (program arena), or NULL */
	const struct pf_consent_check **by;
	uint32_t nby;
};

/* A location a function overwrites on every path: what parameter
 * `param` points to, along `path` ("*", "*.next", interned). */
struct pf_kill {
	int param;
	const char *path;
};

/* Bounds of one function's analysis that can lose flows (pf_fn.cuts). */
enum {
	PF_CUT_DEEP = 1,     /* a deep read stopped at PF_DEEP_LOCS, _CHILDREN or _POINTERS */
	PF_CUT_EMIT = 2,     /* an object's contents below PF_EMIT_DEPTH left out of the summary */
	PF_CUT_CALLBACK = 4, /* a callback not called past PF_CALLBACK_DEPTH */
	PF_CUT_DCALL = 8     /* a deferred call not made past PF_DCALL_DEPTH */
};
/* A call through a pointer that a function keeps for its callers, or
 * makes for a callee that kept it (pf_fn.dsites): the call as written,
 * and a copy of it at a site of the function's own. */
struct pf_dsite {
	const struct pf_ir_expr *orig;
	struct pf_ir_expr *call;
};

enum pf_model { PF_MODEL_NONE, PF_MODEL_ALLOC, PF_MODEL_FREE, PF_MODEL_REALLOC };

struct pf_fn {
	int id;
	/* Demand: the parameters whose data the analysis follows (bit i:
	 * parameter i; bit 63: parameters from 63 on and the variadic ones).
	 * A parameter is demanded once some caller passes it data (personal
	 * data, or an input of its own that is demanded); the others are read
	 * as carrying nothing, which is exact for what is reported. */
	uint64_t demand;
	bool stale;            /* its demand or a global it reads grew since its last analysis */
	PF_VEC(int) constants; /* constant globals its body (or their initializers) reads */
	bool constants_known;
	bool constants_cut; /* it reads one deeper than PF_CONSTANT_DEPTH (warned) */
	const char *key, *name;
	struct pf_ir_fdecl *decl; /* merged interface */
	struct pf_ir_func *body;
	int tu; /* index of the TU of the body (or of the first declaration) */
	bool address_taken;
	/* the function types other than its own that its address is
	 * converted to (interned spellings; solve.c's scan): a call through a
	 * pointer of such a type may reach it */
	PF_VEC(const char *) cast_types;
	/* its address goes where the analysis does not follow it: held as a
	 * data pointer, converted to another function type, or handed to a
	 * function without a body (solve.c's scan): a call through a pointer
	 * of a type no function has may reach it */
	bool escapes;
	/* its address goes nowhere but to C library functions that call it
	 * themselves (pf_name_keeps_callback; hooks.c): no call through the
	 * program's own pointers reaches it */
	bool library_only;
	/* a call of it ends the program (pf_name_noreturn): the path ends there */
	bool noreturn;
	const char *consent_purpose;
	bool anonymizer;
	const struct pf_rule_propagator *prop;
	const struct pf_rule_source *rsource;
	PF_VEC(struct pf_sinkspec) sinks;
	bool has_rule;
	const char **arg_msgs; /* "passed to 'f' as argument N", made on first use */
	uint8_t *opaque_sites; /* per call site: counted as an opaque call */
	struct pf_summary summary;
	/* the objects its summary names (PF_PORT_NEW), by index: the root and
	 * index of the location each stands for, numbered once for good so that
	 * a summary computed again names the same object the same way */
	uint64_t new_keys[PF_NEW_MAX];
	int nnew_keys;
	bool analyzed;
	bool set_cut_warned; /* a set of its analysis was cut at PF_SET_MAX */
	/* Bounds its last analysis met that can lose flows (PF_CUT_*), warned
	 * about once the fixpoint settles (solve.c's pf_warn_cuts) */
	uint8_t cuts;
	const char *callback_cut; /* PF_CUT_CALLBACK: the function with no body */
	const char *dcall_cut;    /* PF_CUT_DCALL: the function whose deferred call it was */
	unsigned runs;            /* rounds of the current fixpoint (reset by new demand) */
	unsigned analyses;        /* every analysis, for those who cache its summary */
	PF_VEC(int) dependents;   /* functions to analyze again when this summary changes */
	bool queued;
	/* part of the fixpoint (pf_relevant's slice, or activated since) */
	bool member;
	enum pf_model model; /* pf_name_model */
	/* what every run of it overwrites through a pointer parameter
	 * (kills.c): a direct call replaces the caller's value there, when
	 * the argument designates one variable of the caller */
	PF_VEC(struct pf_kill) kills;
	bool kills_known;
	PF_VEC(struct pf_callrec) calls; /* direct calls to functions with a body */
	uint64_t entry_consent;          /* purposes consented on every path into it */
	/* per purpose bit index: a check behind entry_consent (program arena,
	 * set by pf_entry_consent_by), or NULL */
	const struct pf_consent_check **entry_by;
	/* sink sites found in this function: (site, arg, purpose) -> id */
	PF_VEC(int) sink_ids;
	/* some function calls it directly, or its address is taken: a call
	 * through a function pointer it was handed is left to its callers
	 * (struct pf_dcall); a function nobody calls resolves it by type */
	bool called;
	/* the calls through pointers kept in its summary or made for a
	 * callee that kept them, by the call as written (pf_dsite): a
	 * deferred call's id is its entry's index, and the copy of entry i
	 * stands at site ncallsites + 1 + i of the body */
	PF_VEC(struct pf_dsite) dsites;
};

/* The address-taken functions an unresolved call through a pointer may
 * reach, when there are many: their summaries merged into one function's,
 * rebuilt when a member's changes, so that the call costs one summary. */
struct pf_fgroup {
	const char *type; /* the pointer's function type spelling, or NULL */
	int nargs;        /* with type NULL: members take this many arguments */
	struct pf_fn fn;  /* name, interface and merged summary */
	PF_VEC(struct pf_fn *) members;
	uint64_t version; /* members' analysis runs when the summary was merged */
};

/* A growable list of ids (PF_VEC's shape, with a name). */
struct pf_idlist {
	int *v;
	size_t n, cap;
};

struct pf_global {
	const char *key, *name;
	struct pf_ir_pos pos;
	int source;
	struct pf_ir_expr *init; /* the definition's initializer, if lowering kept it */
	int init_tu;
	bool is_const;
	bool written; /* assigned, or its address taken, somewhere in the program */
	/* Its initializer is all it ever holds: reads see the initializer's
	 * values, not a symbolic entry value (pf_global_constant). */
	bool constant;
	bool defined;     /* a unit of the program defines it */
	bool initialized; /* a definition of it has an initializer */
	/* Defined in the program without an initializer and never written:
	 * it holds zeros, so reads of it carry nothing and a call through it
	 * reaches no function (a hook that only another program sets, such
	 * as git's report_garbage in the units no main reaches). */
	bool zero;
	/* An array of one character (git's strbuf_slopbuf, the empty string
	 * every strbuf points to until it grows): it holds a terminator at
	 * most, so what is written into it carries no data. */
	bool one_char;
};

struct pf_program {
	struct pf_arena arena; /* summaries, traces, sites: freed at the end */
	struct pf_intern strings;
	const struct pf_engine_options *opts;
	struct pf_ir_tu **tus;
	size_t ntus;
	int **tu_source_map; /* per TU: local source id -> program id */
	PF_VEC(struct pf_ir_source *) sources;
	PF_VEC(const void *) matched_rules; /* rules field entries that matched a field */
	/* the names rules entries give fields and globals (open addressing) */
	const char **rule_names;
	size_t rule_names_cap;
	struct pf_ptrmap callees; /* PF_E_FUNC expression -> struct pf_fn */
	/* type -> struct pf_deep (pf_type_deep_sources): kept here, not in the
	 * type, since source ids are the program's and one unit may take part
	 * in several programs, one after the other (programs.c) */
	struct pf_ptrmap deep;
	PF_VEC(struct pf_fn *) fns;
	PF_VEC(struct pf_global) globals;
	PF_VEC(struct pf_sink_site) sites;
	PF_VEC(const char *) opaque; /* opaque functions personal data passed through */
	unsigned opaque_calls;       /* call sites in analyzed functions to opaque functions */
	struct pf_report *report;
	/* hash maps key -> index (open addressing over interned keys) */
	const char **fn_keys;
	int *fn_vals;
	size_t fn_cap;
	const char **g_keys;
	int *g_vals;
	size_t g_cap;
	const char *empty, *star; /* interned "" and "*" */
	const char *url;          /* a conditional sink's URL port's path (struct pf_sink_site) */
	const char *purposes[64]; /* consent is a bit mask over these */
	int npurposes;
	PF_VEC(struct pf_fn *) address_taken;
	PF_VEC(struct pf_fgroup *) groups;
	unsigned budget_warnings;
	/* Past the whole program's work budget (set operations, counted by
	 * pf_lattice_ops), each function not yet analyzed is analyzed once,
	 * coarsely and with a smaller budget, and nothing is analyzed again. */
	bool exhausted;
	unsigned over_after_exhausted; /* analyses then cut by their own budget */
	int debug; /* PIIFLOW_DEBUG_ENGINE: per-function figures on stderr (2: and summaries) */
	const char *debug_fn; /* PIIFLOW_DEBUG_FUNCTION: their summaries (names, by commas) */
	/* Demand-driven analysis (off with PIIFLOW_ENGINE_FULL, to compare):
	 * what a function reads from a parameter or a global carries data
	 * only when that input is demanded (pf_fn.demand) or the global
	 * holds data (tainted). */
	bool full;
	/* PIIFLOW_ENGINE_COPY_FIXED, to compare: a call copies the callee's
	 * flows between the program's own places (sources, globals, sinks)
	 * into the caller's state, as earlier versions did (instantiate.c,
	 * pf_edge_fixed) */
	bool copy_fixed;
	bool *tainted;             /* per global: some function stores data in it */
	struct pf_idlist *readers; /* per global: the functions whose body reads it */
	/* per global: the globals that a summary makes one of its pointers
	 * point into, or that point into it (pf_demand_globals): data in one
	 * is read through the other */
	struct pf_idlist *aliases;
	PF_VEC(int) requeue; /* functions whose demand grew: analyze again */
	/* functions outside the fixpoint that a call through a pointer
	 * reached (pf_activate): they join it, with their callees */
	PF_VEC(int) activate;
	size_t activated;                         /* how many functions joined the fixpoint so */
	PF_VEC(struct pf_consent_check *) checks; /* consent checks met (consent.c) */
	/* the scratch arenas of one function's analysis, emptied and kept
	 * for the next (pf_arena_reset), unless they grew past
	 * PF_SCRATCH_KEEP */
	struct pf_arena scratch, scratch_kept;
};

/* program.c */
void pf_program_link(struct pf_program *p);
struct pf_fn *pf_program_fn(struct pf_program *p, const char *key);
/* The function a function designator (PF_E_FUNC) names, or NULL when the
 * program has none of that key; remembered per expression. */
struct pf_fn *pf_program_callee(struct pf_program *p, const struct pf_ir_expr *e);
/* Marks the globals that hold hooks only a library's users set, and the
 * functions that only the C library holds (pf_fn.library_only; hooks.c). */
void pf_hooks_fix(struct pf_program *p);
int pf_program_global(struct pf_program *p, const char *key);
/* The global variable an lvalue's own storage belongs to (g, g.f, g[i]),
 * or NULL. */
struct pf_ir_var *pf_lvalue_global(const struct pf_ir_expr *e);
/* Whether e designates storage inside a global whose contents are known
 * at entry (a constant one holds its initializer, one never written nor
 * initialized holds zeros): a function pointer read there points to what
 * the initializer put there, and to no function where it put none. */
bool pf_in_fixed_global(const struct pf_program *p, const struct pf_ir_expr *e);
int pf_program_source(struct pf_program *p, int tu, int local_id);
void pf_program_release(struct pf_program *p);
const int *pf_type_deep_sources(struct pf_program *p, int tu, struct pf_ir_type *t, int *n);

/* rules_apply.c: the rules matched against the fields and globals that
 * lowering recorded by name. */
/* The program's source for a TU's source s: s when an annotation declares
 * it; for a field or global recorded by name, a copy made personal data by
 * the rules entry that names it, or NULL when none does. */
struct pf_ir_source *pf_rules_apply_source(struct pf_program *p, struct pf_ir_source *s);
/* Indexes the names of the rules' field and global entries; called once,
 * before the first pf_rules_apply_*, and freed by pf_program_release. */
void pf_rules_apply_init(struct pf_program *p);
/* The category of an inventory declaration, from its annotation or a rules
 * entry naming it (field, global), or NULL; *how says which. */
const char *pf_rules_apply_decl(const struct pf_program *p, const struct pf_ir_decl *d,
                                const char **how);
/* Whether a rules field entry made some field of the program personal data. */
bool pf_rules_field_matched(const struct pf_program *p, const void *rule);

/* demand.c */
/* Whether reads of port carry symbolic data in fn's analysis. */
bool pf_demanded(const struct pf_program *p, const struct pf_fn *fn, const struct pf_port *port);
/* Whether parameter i of g is demanded already. */
bool pf_param_demanded(const struct pf_fn *g, int i);
/* Demands parameter i of g (a caller passes it data); queues g again when
 * that is new. */
void pf_demand_param(struct pf_program *p, struct pf_fn *g, int i);
/* Global g holds data from now on (a function stored data or a pointer in
 * it): the functions that read it are queued again. */
void pf_taint_global(struct pf_program *p, int g);
/* A call reached g, which has a body but is not part of the fixpoint (its
 * address was converted to another function type, or held as void *): it
 * joins the fixpoint, and the caller is analyzed again once g's summary
 * is known. */
void pf_activate(struct pf_program *p, struct pf_fn *g);
/* After fn's analysis: globals its summary stores data in become tainted. */
void pf_demand_globals(struct pf_program *p, const struct pf_fn *fn);
/* Sets up demand for the program: which functions read which globals. */
void pf_demand_init(struct pf_program *p);
void pf_demand_release(struct pf_program *p);

/* analyze.c */
/* Returns true when the function's summary changed. */
bool pf_analyze_function(struct pf_program *p, struct pf_fn *fn);

/* models.c */
/* How calls of a function are modelled by its name (pf_fn.model, set when
 * the program is linked): an allocator whose result is a new object of the
 * call site, a function that gives memory back or tells about it and moves
 * nothing, a reallocator. Most are modelled whatever their body (models.c's
 * table of hooks says which), which is then never analyzed and links
 * nothing to its callers; the others only when the program has no body. */
enum pf_model pf_name_model(const char *name, bool has_body);
/* Whether a C library function keeps the functions it is handed to call
 * them itself, never handing them back (pthread_key_create, atexit). */
bool pf_name_keeps_callback(const char *name);
/* Whether a call of the C library function named so ends the program on
 * the spot (abort, __builtin_unreachable; not exit: its handlers run). */
bool pf_name_noreturn(const char *name);

/* A fast hash of a few words (hash tables of ports, edges and trace nodes:
 * their keys are small fixed tuples, for which a general byte hash costs
 * more than the probe). */
static inline uint64_t pf_mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
	h *= 0xff51afd7ed558ccdULL;
	return h ^ (h >> 33);
}

static inline uint64_t pf_port_hash(const struct pf_port *p)
{
	uint64_t h = pf_mix((uint64_t)p->kind << 8 | p->deep, (uint64_t)(uint32_t)p->index);
	return pf_mix(h, (uint64_t)(uintptr_t)p->path);
}

/* A binary min-heap of indices (worklists ordered by rank). */
static inline void pf_heap_push(size_t *h, size_t *n, size_t v)
{
	size_t i = (*n)++;
	while (i > 0 && h[(i - 1) / 2] > v) {
		h[i] = h[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	h[i] = v;
}

static inline size_t pf_heap_pop(size_t *h, size_t *n)
{
	size_t top = h[0], v = h[--*n];
	size_t i = 0;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= *n)
			break;
		if (c + 1 < *n && h[c + 1] < h[c])
			c++;
		if (h[c] >= v)
			break;
		h[i] = h[c];
		i = c;
	}
	h[i] = v;
	return top;
}

/* summary.c */
/* An edge as coarsening makes it: paths cut to their first step (a cut
 * from-port reads deep). False when the edge is then data moving inside
 * one object, which is dropped. */
bool pf_edge_coarsen(struct pf_program *p, struct pf_edge *e);
/* Whether a coarsened edge moves data inside one object (a parameter's or a
 * global's, at the same path), which stays in it. */
bool pf_edge_inside_object(const struct pf_edge *e);
/* Whether a summary past its bound sends the edge through its hub: all but
 * those from sources, endpoints and hubs, those into hubs, and, unless
 * sinks are too, those into sinks. */
bool pf_edge_through_hub(const struct pf_edge *e, bool sinks);
/* path's first step ("*" or ".name"), interned; *cut when path had more. */
const char *pf_first_step(struct pf_program *p, const char *path, bool *cut);
void pf_summary_add(struct pf_program *p, struct pf_summary *s, const struct pf_edge *e);
/* Adds a deferred call to s unless it has one with that id. */
void pf_summary_add_dcall(struct pf_summary *s, const struct pf_dcall *d);
/* The index in s->dcalls of the deferred call with that id, or -1. */
int pf_summary_dcall(const struct pf_summary *s, int id);
/* The highest index of the hubs edges of s go into (those edges come
 * first): 0 is the data hub, 1 and up the points-to sets' (emit.c). */
int pf_summary_hubs(const struct pf_summary *s);
void pf_summary_free(struct pf_summary *s);
/* Bounds a summary that grew past PF_SUMMARY_MAX edges: paths are cut to
 * their first step (reads then cover everything below it), which keeps the
 * cost of every call to the function bounded. */
void pf_summary_coarsen(struct pf_program *p, struct pf_summary *s, bool always);
/* A summary still past PF_SUMMARY_MAX edges after coarsening routes its
 * flows between parameters, globals and results through one hub: each
 * input reaches the hub, the hub reaches each output, which turns a product
 * of inputs and outputs into their sum (pointer edges have a hub of their
 * own). Flows from sources and into sinks keep their own edges. Edges into
 * the hubs come first. Returns 0 (unchanged), 1, or 2 when, past
 * PF_SUMMARY_HUB_MAX edges with the hub, flows into sinks go through it too:
 * data reaching any input of the function is then taken to reach each of
 * its sinks. */
int pf_summary_hub(struct pf_program *p, struct pf_summary *s);
/* Puts the edges into hubs first (pf_emit_pts_hub adds some before the
 * summary needs a hub of its own). */
void pf_summary_hub_first(struct pf_program *p, struct pf_summary *s);
/* False when s has this edge already, with consent no weaker and a trace no
 * longer than ntrace: adding it again would change nothing. */
bool pf_summary_wants(const struct pf_summary *s, const struct pf_edge *e, unsigned ntrace);
/* --explain: the strings of the program that name a host of the endpoint
 * catalog (what makes libcurl's calls sinks), and how many calls there are. */
void pf_curl_explain(struct pf_program *p, FILE *out);

/* Prints a function's summary, one edge a line (PIIFLOW_DEBUG_ENGINE). */
void pf_summary_dump(const struct pf_program *p, const struct pf_fn *fn, FILE *out);
bool pf_summary_equal(const struct pf_summary *a, const struct pf_summary *b);
bool pf_port_equal(const struct pf_port *a, const struct pf_port *b);
int pf_program_sink_site(struct pf_program *p, struct pf_fn *fn, int site, int arg,
                         const char *purpose, const char *callee, struct pf_ir_pos pos);

/* The conditional libcurl sink at (fn, site, arg) in holder's summary,
 * reached through holder's call via (struct pf_sink_site). */
int pf_program_cond_site(struct pf_program *p, struct pf_fn *holder, int via, struct pf_fn *fn,
                         int site, int arg, const char *callee, struct pf_ir_pos pos);
uint64_t pf_purpose_bit(struct pf_program *p, const char *purpose);
int pf_program_rule_source(struct pf_program *p, const char *category, const char *fname,
                           struct pf_ir_pos pos);
void pf_program_budget(struct pf_program *p, struct pf_ir_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* consent.c */
/* The check of consent function g called at pos (made once, then found). */
const struct pf_consent_check *pf_consent_check_at(struct pf_program *p, struct pf_fn *g,
                                                   struct pf_ir_pos pos);
/* The check of v[0..n) for the purposes of bit, or NULL. */
const struct pf_consent_check *pf_consent_find(const struct pf_consent_check *const *v, uint32_t n,
                                               uint64_t bit);
/* After pf_entry_consent: names, for each purpose of each function's
 * entry_consent, a check in some caller that every path shares (the first
 * caller's, through callers that are themselves under consent). */
void pf_entry_consent_by(struct pf_program *p);
/* fn->entry_by's check for the purposes of bit, or NULL. */
const struct pf_consent_check *pf_entry_check(const struct pf_program *p, const struct pf_fn *fn,
                                              uint64_t bit);

/* unmatched.c */
void pf_check_unmatched_rules(struct pf_program *p);

/* solve.c */
void pf_solve_findings(struct pf_program *p);

#endif
