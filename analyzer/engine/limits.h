/*
 * Every limit of the engine: the budgets, bounds and rounds that keep the
 * analysis of large code fast, each with what it bounds and what is given
 * up past it. A limit past which the analysis may add flows (a finding the
 * exact flow would not have) is safe for a privacy review; one past which
 * it may lose flows is reported by a warning where the text says so.
 * docs/engine.md ("Bounds that keep large code fast") has one row per
 * limit, in this order, with its value; the test docs.limits_table
 * (tests/limits_table.py) checks that the two agree.
 */
#ifndef PF_LIMITS_H
#define PF_LIMITS_H

/* Labels or locations in one set (lattice.c's unions, state.c's deep
 * reads), and the chunks in which labels waiting at one cut port are
 * emitted (emit.c). Past it the set is cut: the origins or targets with
 * the highest ids are dropped, which loses flows. Warning: analysis-budget,
 * naming the function, once per function. Without any bound, one analysis
 * of git (peel_onion: 10,000 origins, 57 blocks) took 3.6 GB, and at
 * 1,024 git's run grew past 12 GB. */
#define PF_SET_MAX 256

/* Steps of a location's path below its root (state.c; a container's "<m"
 * step does not count). Deeper paths fold
 * into the location at this depth, which merges their contents: adds flows.
 * No warning. */
#define PF_LOC_MAX_DEPTH 6

/* Edges of a summary (emit.c, summary.c). Past it, paths are cut to their
 * first step and a cut input is read whole; still past it, flows between
 * parameters, globals and the result go through a hub: adds flows. No
 * warning. */
#define PF_SUMMARY_MAX 1024

/* Edges of a summary with its hub (summary.c). Past it, flows into sinks
 * go through the hub too: data reaching any input reaches each of the
 * function's sinks, which adds flows. Warning: analysis-budget, naming the
 * function. */
#define PF_SUMMARY_HUB_MAX (4 * PF_SUMMARY_MAX)

/* Runs of a function whose summary changed (emit.c, analyze.c). From this
 * run on, its summary is coarsened as past PF_SUMMARY_MAX whatever its
 * size (widening, so that recursive groups settle): adds flows. No
 * warning. */
#define PF_WIDEN_RUNS 2

/* Runs of a function whose summary changed (solve.c). Past it, its last
 * summary is kept: flows that further rounds would add are lost. Warning:
 * analysis-budget, naming the function. */
#define PF_MAX_RUNS 8

/* Targets of one points-to set emitted at a coarsened port (emit.c). Past
 * it, they point to the port through a hub of that set's own (one edge per
 * target and one per port, not their product): no flow changes. No
 * warning. */
#define PF_PTS_SPREAD 4

/* Sets of points-to targets past PF_PTS_SPREAD that one summary keeps
 * apart, each at a hub of its own (emit.c). Past it, the sets share the
 * last hub: a port pointing to one points to what the others hold (adds
 * flows). No warning. */
#define PF_PTS_HUBS 64

/* Objects a function makes that its summary can name (PF_PORT_NEW, emit.c;
 * at most 32, the bits of cx->new_emitted). Past it, an object's contents
 * are emitted at the port that points to it, shared by every call: adds
 * flows. No warning. */
#define PF_NEW_MAX 16

/* Depth of an object's fields and pointees emitted at an output port
 * (emit.c's pf_emit_object). Deeper, what is written there is not in the
 * summary: loses flows. Warns (solve.c's pf_warn_cuts) when the function's
 * last analysis left something out. */
#define PF_EMIT_DEPTH 2

/* Possible targets of a call through a pointer (call.c). From this many
 * on, their summaries are merged into one, applied once (the trace names
 * "one of N functions of its type"): adds flows where the merged summary
 * passes PF_SUMMARY_MAX and goes through a hub. No warning. It was 8,
 * when every free() of curl reached a dozen callbacks (hooks.c); the ten
 * `connect` functions of curl's connection filters then went through one
 * hub, and curl's run reached the program's budget. */
#define PF_GROUP_MIN 32

/* Nesting of callbacks handed to functions with no body (models.c). Deeper,
 * a callback is not called: loses flows. Warns when the function's last
 * analysis met it. */
#define PF_CALLBACK_DEPTH 2

/* Arguments of a call through a function pointer a function was handed
 * that its summary keeps for the callers to resolve (struct pf_dcall; one
 * port of the 64 names the callee). A call with more is resolved by the
 * pointer's type: adds flows. No warning. */
#define PF_DCALL_ARGS 64

/* Deferred calls in one summary (call.c). Past it, a call through a
 * pointer a function was handed is resolved by the pointer's type: adds
 * flows. No warning. */
#define PF_DCALL_MAX 16

/* Nesting of deferred calls resolved inside the resolution of another
 * (instantiate.c): a callback handed itself would go round for ever.
 * Deeper, the call is not made: loses flows. Warns when the function's
 * last analysis met it. */
#define PF_DCALL_DEPTH 4

/* Fields of a record copied field by field, and the nesting of records so
 * copied (eval.c's pf_copy_record). Past them the record is copied whole,
 * every field's data into every field: adds flows. No warning. */
#define PF_COPY_FIELDS 64
#define PF_COPY_DEPTH 3

/* Wrappers a consent test is followed through (consent.c's
 * pf_consent_operand: assignments, one-operand parentheses). Past it, the
 * branch gives no consent: a consented flow is reported as a finding
 * (adds findings). No warning. */
#define PF_CONSENT_UNWRAP 8

/* Nesting of an expression (and of the initializers of constant globals
 * it reads) searched for the constant globals a function reads (analyze.c).
 * Deeper, a constant global is read as any other: a call through it is
 * resolved by its type (adds flows), a URL kept in it is no endpoint (loses
 * flows). Warns (solve.c's pf_warn_cuts). */
#define PF_CONSTANT_DEPTH 64

/* Locations visited by one deep read (state.c's pf_visit), the children of
 * a location walked by it (halved at each level below), and the pointers it
 * follows. Past them, what lies further is not read: loses flows. Warns
 * when the function's last analysis stopped a read with more to read. */
#define PF_DEEP_LOCS 256
#define PF_DEEP_CHILDREN 256
#define PF_DEEP_POINTERS 3

/* Visits of one block in a function's analysis (analyze.c). Past it, the
 * block is not visited again: flows that further visits would add are
 * lost. Warning: analysis-budget, naming the function. */
#define PF_BLOCK_VISITS 64

/* A function's own measure of work (analyze.c: locations and entries
 * handled, summary edges applied). Past it, as past PF_OPS_BUDGET. */
#define PF_WORK_BUDGET 4000000

/* Set operations in one function's analysis (analyze.c). Past it, its
 * summary assumes that each parameter reaches the result and every
 * writable pointer parameter (adds flows), and sinks found so far are
 * kept (loses the others). Warning: analysis-budget, naming the function. */
#define PF_OPS_BUDGET 50000000ULL

/* PF_OPS_BUDGET once the program's budget has run out (each function is
 * then analyzed once more, coarsely). Past it, as past PF_OPS_BUDGET;
 * counted in the program's one warning. */
#define PF_OPS_BUDGET_AFTER (PF_OPS_BUDGET / 50)

/* The whole program's work budget: this many set operations per function
 * analyzed (about 50 ms each on the machines we measure: enough for curl's
 * 1,642 functions with libc's output functions as sinks to settle), and a
 * floor for small programs (about 10 s); --analysis-budget sets the first.
 * Past it, every input is followed and each function is analyzed once
 * more, coarsely (adds flows), and nothing after that (loses flows).
 * Warning: one analysis-budget, with the counts. */
#define PF_PROGRAM_OPS_PER_FN 10000000ULL
#define PF_PROGRAM_OPS_MIN 2000000000ULL

/* Trace nodes of one function's analysis (instantiate.c). Past it, traces
 * stop growing: findings keep the steps made so far. No flow is lost. No
 * warning. */
#define PF_TNODE_BUDGET 20000

/* Steps of a trace kept in a summary edge (state.c), and of a trace joined
 * with a global's (solve.c). Longer traces are cut; no flow is lost. No
 * warning. */
#define PF_TRACE_MAX 24
#define PF_TRACE_JOINED_MAX 32

/* Steps of a trace read before its loops are taken out and it is cut to
 * PF_TRACE_MAX (state.c: pf_trace_flatten). No flow is lost. No warning. */
#define PF_TRACE_WALK (4 * PF_TRACE_MAX)

/* Blocks of a function whose kills are computed over every block
 * (kills.c: the test is quadratic in blocks). Past it, only the entry
 * block's writes replace the caller's values: adds flows. No warning. */
#define PF_KILL_BLOCKS 256

/* Numbers of arguments kept apart when calls through pointers are linked
 * by arity (solve.c). From it on, one node links them all: more functions
 * are analyzed, no flow changes. No warning. */
#define PF_ARITY_NODES 32

/* Nesting of calls followed, and expression nodes held, when ordering
 * functions callees first (solve.c's pf_postorder). Past them, the order
 * is less good: more rounds, no flow changes. No warning. */
#define PF_POSTORDER_DEPTH 2000
#define PF_POSTORDER_STACK 64

/* Label sets a deep read remembers by address (a table of this many
 * slots), and the smallest set it looks up there (state.c: pf_acc_add): a
 * set met again in the same read adds nothing and is skipped. Past it, a
 * set is walked again: no flow changes. No warning. */
#define PF_ACC_SETS 256
#define PF_ACC_SET_MIN 4

/* Sets, and pairs of sets joined, that one copy or join of a state
 * remembers by address when it keeps them past a block's visit, and the
 * unions a visit makes in its scratch arena (state.c: pf_keep, pf_pair; a
 * table of this many slots each), so that locations that shared sets
 * share their copies and unions. Past it, a set met again is copied
 * again, a pair joined again: no flow changes. No warning. */
#define PF_KEEP_SETS 512

/* Scratch memory kept from one function's analysis for the next (analyze.c).
 * Past it (32 MiB), the arena is given back: no flow changes. */
#define PF_SCRATCH_KEEP (32u << 20)

/* Endpoint strings listed by --explain (curl.c). Past it, they are counted,
 * not listed. No flow changes. */
#define PF_CURL_EXPLAIN_MAX 10

#endif
