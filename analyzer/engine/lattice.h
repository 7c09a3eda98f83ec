/*
 * The lattice of the flow engine: sets of labels (where the data came from,
 * with the trace that brought it) and sets of abstract locations (what a
 * pointer may point to). Sets are immutable once built and live in the
 * analysis arena, so states share them freely; every operation returns a
 * new set or one of its inputs.
 */
#ifndef PF_LATTICE_H
#define PF_LATTICE_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "engine/limits.h"
#include "util/arena.h"

/* A label: an origin (port id of the function being analyzed) and the trace
 * node that explains how it got here (0: none). Sorted by origin; one trace
 * per origin is kept, the first one found. */
struct pf_label {
	uint32_t origin;
	uint32_t trace;
};

struct pf_tset {
	uint32_t n;
	struct pf_label v[];
};

struct pf_lset {
	uint32_t n;
	uint32_t v[]; /* sorted location ids */
};

extern const struct pf_tset pf_tset_empty;
extern const struct pf_lset pf_lset_empty;

const struct pf_tset *pf_tset_one(struct pf_arena *a, uint32_t origin, uint32_t trace);
const struct pf_tset *pf_tset_union(struct pf_arena *a, const struct pf_tset *x,
                                    const struct pf_tset *y);
/* Every label of x with its trace replaced by f(trace) (a new step). */
const struct pf_tset *pf_tset_map_trace(struct pf_arena *a, const struct pf_tset *x,
                                        uint32_t (*f)(void *ctx, uint32_t trace), void *ctx);
/* A copy of x in arena a (sets outlive the arena they were built in). */
const struct pf_tset *pf_tset_clone(struct pf_arena *a, const struct pf_tset *x);
const struct pf_lset *pf_lset_clone(struct pf_arena *a, const struct pf_lset *x);
bool pf_tset_same_origins(const struct pf_tset *x, const struct pf_tset *y);
bool pf_tset_has(const struct pf_tset *x, uint32_t origin);

const struct pf_lset *pf_lset_one(struct pf_arena *a, uint32_t loc);
const struct pf_lset *pf_lset_union(struct pf_arena *a, const struct pf_lset *x,
                                    const struct pf_lset *y);
bool pf_lset_equal(const struct pf_lset *x, const struct pf_lset *y);
bool pf_lset_has(const struct pf_lset *x, uint32_t loc);

/* Elements handled by set operations so far: the engine's measure of the
 * effort an analysis takes (deterministic, unlike a clock). The engine is
 * single-threaded. */
extern uint64_t pf_lattice_ops;
/* Sets cut at PF_SET_MAX so far: each analysis that cuts one warns. */
extern uint64_t pf_lattice_cuts;

/* Binary search of n sorted elements of size bytes, each keyed by the
 * uint32_t it starts with (a label's origin, a location id, a state entry's
 * location): the index of key, or -(the index it would go at) - 1. */
static inline long pf_sorted_find(const void *v, uint32_t n, size_t size, uint32_t key)
{
	uint32_t lo = 0, hi = n;
	while (lo < hi) {
		uint32_t mid = (lo + hi) / 2, k;
		memcpy(&k, (const char *)v + (size_t)mid * size, sizeof(k));
		if (k == key)
			return mid;
		if (k < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -(long)lo - 1;
}

#endif
