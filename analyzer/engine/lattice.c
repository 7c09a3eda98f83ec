/*
 * Set operations of the lattice. Unions merge two sorted arrays; when one
 * input already contains the other, that input is returned unchanged, which
 * keeps states small and fixpoint checks cheap.
 */
#include "engine/lattice.h"

#include <string.h>

uint64_t pf_lattice_ops;

const struct pf_tset pf_tset_empty = {0};
const struct pf_lset pf_lset_empty = {0};

static struct pf_tset *pf_tset_alloc(struct pf_arena *a, uint32_t n)
{
	struct pf_tset *s = pf_arena_alloc(a, sizeof(*s) + n * sizeof(s->v[0]));
	s->n = n;
	return s;
}

static struct pf_lset *pf_lset_alloc(struct pf_arena *a, uint32_t n)
{
	struct pf_lset *s = pf_arena_alloc(a, sizeof(*s) + n * sizeof(s->v[0]));
	s->n = n;
	return s;
}

const struct pf_tset *pf_tset_one(struct pf_arena *a, uint32_t origin, uint32_t trace)
{
	struct pf_tset *s = pf_tset_alloc(a, 1);
	s->v[0].origin = origin;
	s->v[0].trace = trace;
	return s;
}

/* One pass over two sorted sets: whether each has an element the other
 * lacks (the scan stops once both are known). */
#define PF_SUBSET_SCAN(X, Y, KEY, xextra, yextra)                                                  \
	do {                                                                                       \
		uint32_t i_ = 0, j_ = 0;                                                           \
		while ((i_ < (X)->n || j_ < (Y)->n) && !((xextra) && (yextra))) {                  \
			if (j_ == (Y)->n) {                                                        \
				(xextra) = true;                                                   \
				break;                                                             \
			}                                                                          \
			if (i_ == (X)->n) {                                                        \
				(yextra) = true;                                                   \
				break;                                                             \
			}                                                                          \
			if (KEY((X)->v[i_]) < KEY((Y)->v[j_])) {                                   \
				(xextra) = true;                                                   \
				i_++;                                                              \
			} else if (KEY((Y)->v[j_]) < KEY((X)->v[i_])) {                            \
				(yextra) = true;                                                   \
				j_++;                                                              \
			} else {                                                                   \
				i_++;                                                              \
				j_++;                                                              \
			}                                                                          \
		}                                                                                  \
	} while (0)

#define PF_ORIGIN(l) ((l).origin)
#define PF_SELF(l) (l)

const struct pf_tset *pf_tset_union(struct pf_arena *a, const struct pf_tset *x,
                                    const struct pf_tset *y)
{
	if (!y || y->n == 0 || x == y)
		return x ? x : &pf_tset_empty;
	if (!x || x->n == 0)
		return y;
	pf_lattice_ops += x->n + y->n;
	bool xextra = false, yextra = false;
	PF_SUBSET_SCAN(x, y, PF_ORIGIN, xextra, yextra);
	if (!yextra)
		return x;
	if (!xextra)
		return y;
	uint32_t cap = x->n + y->n;
	if (cap > PF_SET_MAX)
		cap = PF_SET_MAX;
	struct pf_tset *s = pf_tset_alloc(a, cap);
	uint32_t i = 0, j = 0, n = 0;
	while ((i < x->n || j < y->n) && n < cap) {
		if (j == y->n || (i < x->n && x->v[i].origin < y->v[j].origin))
			s->v[n++] = x->v[i++];
		else if (i == x->n || y->v[j].origin < x->v[i].origin)
			s->v[n++] = y->v[j++];
		else {
			s->v[n++] = x->v[i++]; /* same origin: keep the first trace */
			j++;
		}
	}
	s->n = n;
	return s;
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
	if (!x || x->n == 0)
		return &pf_tset_empty;
	struct pf_tset *s = pf_tset_alloc(a, x->n);
	memcpy(s->v, x->v, x->n * sizeof(x->v[0]));
	return s;
}

const struct pf_lset *pf_lset_clone(struct pf_arena *a, const struct pf_lset *x)
{
	if (!x || x->n == 0)
		return &pf_lset_empty;
	struct pf_lset *s = pf_lset_alloc(a, x->n);
	memcpy(s->v, x->v, x->n * sizeof(x->v[0]));
	return s;
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
	uint32_t lo = 0, hi = x ? x->n : 0;
	while (lo < hi) {
		uint32_t mid = (lo + hi) / 2;
		if (x->v[mid].origin == origin)
			return true;
		if (x->v[mid].origin < origin)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

const struct pf_lset *pf_lset_one(struct pf_arena *a, uint32_t loc)
{
	struct pf_lset *s = pf_lset_alloc(a, 1);
	s->v[0] = loc;
	return s;
}

bool pf_lset_has(const struct pf_lset *x, uint32_t loc)
{
	uint32_t lo = 0, hi = x ? x->n : 0;
	while (lo < hi) {
		uint32_t mid = (lo + hi) / 2;
		if (x->v[mid] == loc)
			return true;
		if (x->v[mid] < loc)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

const struct pf_lset *pf_lset_union(struct pf_arena *a, const struct pf_lset *x,
                                    const struct pf_lset *y)
{
	if (!y || y->n == 0 || x == y)
		return x ? x : &pf_lset_empty;
	if (!x || x->n == 0)
		return y;
	pf_lattice_ops += x->n + y->n;
	bool xextra = false, yextra = false;
	PF_SUBSET_SCAN(x, y, PF_SELF, xextra, yextra);
	if (!yextra)
		return x;
	if (!xextra)
		return y;
	uint32_t cap = x->n + y->n;
	if (cap > PF_SET_MAX)
		cap = PF_SET_MAX;
	struct pf_lset *s = pf_lset_alloc(a, cap);
	uint32_t i = 0, j = 0, n = 0;
	while ((i < x->n || j < y->n) && n < cap) {
		if (j == y->n || (i < x->n && x->v[i] < y->v[j]))
			s->v[n++] = x->v[i++];
		else if (i == x->n || y->v[j] < x->v[i])
			s->v[n++] = y->v[j++];
		else {
			s->v[n++] = x->v[i++];
			j++;
		}
	}
	s->n = n;
	return s;
}

bool pf_lset_equal(const struct pf_lset *x, const struct pf_lset *y)
{
	uint32_t xn = x ? x->n : 0, yn = y ? y->n : 0;
	if (xn != yn)
		return false;
	return xn == 0 || memcmp(x->v, y->v, xn * sizeof(x->v[0])) == 0;
}
