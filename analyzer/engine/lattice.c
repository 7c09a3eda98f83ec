/*
 * Set operations of the lattice. Unions merge two sorted arrays; when one
 * input already contains the other, that input is returned unchanged, which
 * keeps states small and fixpoint checks cheap.
 */
#include "engine/lattice.h"

#include <stddef.h>
#include <string.h>

uint64_t pf_lattice_ops;
uint64_t pf_lattice_cuts;

const struct pf_tset pf_tset_empty = {0};
const struct pf_lset pf_lset_empty = {0};

/* Both kinds of set are a count and sorted elements keyed by the uint32_t
 * each starts with (struct pf_tset: labels by origin; struct pf_lset:
 * location ids), at the same offset. The functions below serve both: each
 * caller passes sizeof of its element, a constant, and they are inlined so
 * that every copy moves whole elements as the typed code would. */
#define PF_SET_ELEMS offsetof(struct pf_lset, v)
_Static_assert(offsetof(struct pf_tset, v) == PF_SET_ELEMS, "sets share one layout");

static inline uint32_t set_n(const void *s)
{
	uint32_t n;
	memcpy(&n, s, sizeof(n));
	return n;
}

static inline const char *set_elems(const void *s)
{
	return (const char *)s + PF_SET_ELEMS;
}

static inline uint32_t set_key(const char *v, size_t size, uint32_t i)
{
	uint32_t k;
	memcpy(&k, v + (size_t)i * size, sizeof(k));
	return k;
}

static inline void set_store_n(char *s, uint32_t n)
{
	memcpy(s, &n, sizeof(n));
}

/* A set of n elements of size bytes, to be filled in. */
static inline char *set_alloc(struct pf_arena *a, uint32_t n, size_t size)
{
	char *s = pf_arena_alloc_uninit(a, PF_SET_ELEMS + n * size);
	set_store_n(s, n);
	return s;
}

/* x ∪ y, where either may be NULL or empty. One pass finds whether each has an element
 * the other lacks (stopping once both are known): when one contains the
 * other it is returned as it is; else the two are merged, keeping x's
 * element where both have the key, and cut at PF_SET_MAX (counted in
 * pf_lattice_cuts). */
static inline __attribute__((always_inline)) const void *
set_union(struct pf_arena *a, const void *x, const void *y, size_t size)
{
	uint32_t xn = x ? set_n(x) : 0, yn = y ? set_n(y) : 0;
	if (yn == 0)
		return x;
	if (xn == 0)
		return y;
	/* counted whether or not x and y are one set: which sets are shared
	 * depends on addresses (engine/state.c: pf_pair), the count must not */
	pf_lattice_ops += xn + yn;
	if (x == y)
		return x;
	const char *xv = set_elems(x), *yv = set_elems(y);
	bool xextra = false, yextra = false;
	uint32_t i = 0, j = 0;
	while ((i < xn || j < yn) && !(xextra && yextra)) {
		if (j == yn) {
			xextra = true;
			break;
		}
		if (i == xn) {
			yextra = true;
			break;
		}
		uint32_t kx = set_key(xv, size, i), ky = set_key(yv, size, j);
		xextra |= kx < ky;
		yextra |= ky < kx;
		i += kx <= ky;
		j += ky <= kx;
	}
	if (!yextra)
		return x;
	if (!xextra)
		return y;
	uint32_t cap = xn + yn > PF_SET_MAX ? PF_SET_MAX : xn + yn;
	char *s = set_alloc(a, cap, size), *out = s + PF_SET_ELEMS;
	uint32_t n = 0;
	i = j = 0;
	while ((i < xn || j < yn) && n < cap) {
		uint32_t kx = i < xn ? set_key(xv, size, i) : 0,
		         ky = j < yn ? set_key(yv, size, j) : 0;
		if (j == yn || (i < xn && kx < ky)) {
			memcpy(out + n++ * size, xv + i++ * size, size);
		} else if (i == xn || ky < kx) {
			memcpy(out + n++ * size, yv + j++ * size, size);
		} else { /* the same key: keep x's element (a label's first trace) */
			memcpy(out + n++ * size, xv + i++ * size, size);
			j++;
		}
	}
	if (i < xn || j < yn)
		pf_lattice_cuts++;
	set_store_n(s, n);
	return s;
}

/* A copy of x in arena a, NULL when x is NULL or empty. */
static inline __attribute__((always_inline)) const void *set_clone(struct pf_arena *a,
                                                                   const void *x, size_t size)
{
	uint32_t n = x ? set_n(x) : 0;
	if (n == 0)
		return NULL;
	char *s = set_alloc(a, n, size);
	memcpy(s + PF_SET_ELEMS, set_elems(x), n * size);
	return s;
}

static struct pf_tset *pf_tset_alloc(struct pf_arena *a, uint32_t n)
{
	return (struct pf_tset *)set_alloc(a, n, sizeof(struct pf_label));
}

const struct pf_tset *pf_tset_one(struct pf_arena *a, uint32_t origin, uint32_t trace)
{
	struct pf_tset *s = pf_tset_alloc(a, 1);
	s->v[0].origin = origin;
	s->v[0].trace = trace;
	return s;
}

const struct pf_tset *pf_tset_union(struct pf_arena *a, const struct pf_tset *x,
                                    const struct pf_tset *y)
{
	const struct pf_tset *s = set_union(a, x, y, sizeof(struct pf_label));
	return s ? s : &pf_tset_empty;
}

const struct pf_lset *pf_lset_union(struct pf_arena *a, const struct pf_lset *x,
                                    const struct pf_lset *y)
{
	const struct pf_lset *s = set_union(a, x, y, sizeof(uint32_t));
	return s ? s : &pf_lset_empty;
}

const struct pf_tset *pf_tset_map_trace(struct pf_arena *a, const struct pf_tset *x,
                                        uint32_t (*f)(void *ctx, uint32_t trace), void *ctx)
{
	if (!x || x->n == 0)
		return &pf_tset_empty;
	struct pf_tset *s = pf_tset_alloc(a, x->n);
	for (uint32_t i = 0; i < x->n; i++) {
		s->v[i].origin = x->v[i].origin;
		s->v[i].trace = f(ctx, x->v[i].trace);
	}
	return s;
}

const struct pf_tset *pf_tset_clone(struct pf_arena *a, const struct pf_tset *x)
{
	const struct pf_tset *s = set_clone(a, x, sizeof(struct pf_label));
	return s ? s : &pf_tset_empty;
}

const struct pf_lset *pf_lset_clone(struct pf_arena *a, const struct pf_lset *x)
{
	const struct pf_lset *s = set_clone(a, x, sizeof(uint32_t));
	return s ? s : &pf_lset_empty;
}

bool pf_tset_same_origins(const struct pf_tset *x, const struct pf_tset *y)
{
	uint32_t xn = x ? x->n : 0, yn = y ? y->n : 0;
	if (xn != yn)
		return false;
	for (uint32_t i = 0; i < xn; i++)
		if (x->v[i].origin != y->v[i].origin)
			return false;
	return true;
}

bool pf_tset_has(const struct pf_tset *x, uint32_t origin)
{
	return x && pf_sorted_find(x->v, x->n, sizeof(x->v[0]), origin) >= 0;
}

const struct pf_lset *pf_lset_one(struct pf_arena *a, uint32_t loc)
{
	struct pf_lset *s = (struct pf_lset *)set_alloc(a, 1, sizeof(uint32_t));
	s->v[0] = loc;
	return s;
}

bool pf_lset_has(const struct pf_lset *x, uint32_t loc)
{
	return x && pf_sorted_find(x->v, x->n, sizeof(x->v[0]), loc) >= 0;
}

bool pf_lset_equal(const struct pf_lset *x, const struct pf_lset *y)
{
	uint32_t xn = x ? x->n : 0, yn = y ? y->n : 0;
	if (xn != yn)
		return false;
	return xn == 0 || memcmp(x->v, y->v, xn * sizeof(x->v[0])) == 0;
}
