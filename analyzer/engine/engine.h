/*
 * The flow engine: links the lowered translation units into one program,
 * computes a summary per function bottom-up over the call graph (what flows
 * from its parameters, globals and sources to its return value, the objects
 * its pointers reach, globals and sinks), and turns every flow from a source
 * into a sink into a finding with its trace.
 */
#ifndef PF_ENGINE_H
#define PF_ENGINE_H

#include <stdio.h>

#include "findings/findings.h"
#include "ir/ir.h"
#include "rules/rules.h"

struct pf_engine_options {
	const struct pf_rules *rules;
	FILE *explain; /* when set: the opaque calls personal data passed through */
	/* the whole program's work budget in millions of set operations: 0 for
	 * none, -1 for the default (see PF_PROGRAM_OPS_PER_FN) */
	long long budget;
};

/* Analyzes the program made of tus[0..ntus) and adds findings (and
 * diagnostics of the engine's budgets) to report. Returns 0. */
int pf_engine_run(struct pf_ir_tu **tus, size_t ntus, const struct pf_engine_options *opts,
                  struct pf_report *report);

/* One program of a compile database (programs.c): units[0..nunits) are
 * indexes into the units given, in their order; root is the unit that
 * defines its `main`, or -1 for the units no `main` reaches. */
struct pf_engine_program {
	int root;
	int *units;
	size_t nunits;
	size_t nleft; /* root -1: how many of the units no program took */
};

struct pf_engine_programs {
	struct pf_engine_program *v;
	size_t n, cap;
	size_t several;   /* external names defined by more than one unit */
	size_t undecided; /* of them, names the nearest folder did not resolve */
};

/* Splits tus[0..ntus) into the programs a linker would make of them
 * (programs.c). out is freed with pf_engine_programs_free. */
void pf_engine_partition(struct pf_engine_programs *out, struct pf_ir_tu **tus, size_t ntus);
void pf_engine_programs_free(struct pf_engine_programs *ps);

/* Analyzes each program of tus[0..ntus) apart and merges their findings
 * into report (pf_report_merge); one program is pf_engine_run's alone.
 * Returns 0. */
int pf_engine_run_programs(struct pf_ir_tu **tus, size_t ntus, const struct pf_engine_options *opts,
                           struct pf_report *report);

/* Gathers into tu, from its arena, what the link reads from its function
 * bodies, so that a unit held in memory for many links is walked once:
 * the link then reads the facts and writes nothing into tu. */
void pf_engine_link_facts(struct pf_ir_tu *tu);

/* Checks every position of the function entries of r against the first
 * prototype tus declare for the function (an index past the parameters of
 * a function that is not variadic is an error) and resolves parameters
 * written by name to their index. Returns 0, or -1 with *err naming the
 * rules file, the entry and the function's parameters. */
int pf_engine_bind_rules(struct pf_rules *r, struct pf_ir_tu **tus, size_t ntus,
                         struct pf_error *err);

#endif
