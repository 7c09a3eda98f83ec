/*
 * The engine's lattice: label sets keep one trace per origin and stay
 * sorted; unions return an input when it already covers the other (so
 * fixpoint checks stay cheap); location sets behave as sets.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "engine/lattice.h"

static int setup(void **state)
{
	struct pf_arena *a = calloc(1, sizeof(*a));
	*state = a;
	return a ? 0 : -1;
}

static int teardown(void **state)
{
	pf_arena_release(*state);
	free(*state);
	return 0;
}

static const struct pf_tset *tset_of(struct pf_arena *a, const uint32_t *origins, size_t n)
{
	const struct pf_tset *s = &pf_tset_empty;
	for (size_t i = 0; i < n; i++)
		s = pf_tset_union(a, s, pf_tset_one(a, origins[i], (uint32_t)(100 + origins[i])));
	return s;
}

static void test_union_sorted_and_deduplicated(void **state)
{
	struct pf_arena *a = *state;
	const uint32_t x[] = {5, 1, 9};
	const uint32_t y[] = {9, 3, 1};
	const struct pf_tset *u = pf_tset_union(a, tset_of(a, x, 3), tset_of(a, y, 3));
	assert_int_equal(u->n, 4);
	assert_int_equal(u->v[0].origin, 1);
	assert_int_equal(u->v[1].origin, 3);
	assert_int_equal(u->v[2].origin, 5);
	assert_int_equal(u->v[3].origin, 9);
	for (uint32_t i = 0; i < u->n; i++)
		assert_true(pf_tset_has(u, u->v[i].origin));
	assert_false(pf_tset_has(u, 4));
}

static void test_union_keeps_first_trace(void **state)
{
	struct pf_arena *a = *state;
	const struct pf_tset *first = pf_tset_one(a, 7, 11);
	const struct pf_tset *second = pf_tset_one(a, 7, 22);
	const struct pf_tset *u = pf_tset_union(a, first, second);
	assert_int_equal(u->n, 1);
	assert_int_equal(u->v[0].trace, 11);
}

static void test_union_returns_covering_input(void **state)
{
	struct pf_arena *a = *state;
	const uint32_t big[] = {1, 2, 3};
	const uint32_t small[] = {2};
	const struct pf_tset *b = tset_of(a, big, 3);
	const struct pf_tset *s = tset_of(a, small, 1);
	assert_ptr_equal(pf_tset_union(a, b, s), b);
	assert_ptr_equal(pf_tset_union(a, s, b), b);
	assert_ptr_equal(pf_tset_union(a, &pf_tset_empty, s), s);
	assert_ptr_equal(pf_tset_union(a, s, NULL), s);
}

static void test_same_origins_ignores_traces(void **state)
{
	struct pf_arena *a = *state;
	const struct pf_tset *x = pf_tset_union(a, pf_tset_one(a, 1, 5), pf_tset_one(a, 2, 6));
	const struct pf_tset *y = pf_tset_union(a, pf_tset_one(a, 2, 9), pf_tset_one(a, 1, 8));
	assert_true(pf_tset_same_origins(x, y));
	assert_false(pf_tset_same_origins(x, pf_tset_one(a, 1, 5)));
	assert_true(pf_tset_same_origins(&pf_tset_empty, NULL));
}

static uint32_t add_ten(void *ctx, uint32_t trace)
{
	(void)ctx;
	return trace + 10;
}

static void test_map_trace_keeps_origins(void **state)
{
	struct pf_arena *a = *state;
	const uint32_t o[] = {4, 8};
	const struct pf_tset *s = tset_of(a, o, 2);
	const struct pf_tset *m = pf_tset_map_trace(a, s, add_ten, NULL);
	assert_true(pf_tset_same_origins(s, m));
	assert_int_equal(m->v[0].trace, s->v[0].trace + 10);
	assert_int_equal(m->v[1].trace, s->v[1].trace + 10);
}

/* A union past PF_SET_MAX is cut, and the cut is counted (the analysis
 * warns); below it nothing is dropped. */
static void test_union_is_bounded_and_counted(void **state)
{
	struct pf_arena *a = *state;
	const struct pf_tset *s = &pf_tset_empty;
	uint64_t cuts = pf_lattice_cuts;
	for (uint32_t i = 0; i < PF_SET_MAX; i++)
		s = pf_tset_union(a, s, pf_tset_one(a, PF_SET_MAX - 1 - i, 0));
	assert_int_equal(s->n, PF_SET_MAX);
	for (uint32_t i = 0; i < PF_SET_MAX; i++)
		assert_int_equal(s->v[i].origin, i);
	assert_true(pf_lattice_cuts == cuts);
	const struct pf_tset *t = pf_tset_union(a, s, pf_tset_one(a, PF_SET_MAX + 5, 0));
	assert_int_equal(t->n, PF_SET_MAX);
	assert_true(pf_lattice_cuts == cuts + 1);
	assert_ptr_equal(pf_tset_union(a, s, pf_tset_one(a, 3, 0)), s); /* s holds it */
}

/* The count of operations (the budgets) depends on the sets' contents,
 * not on whether two equal sets are one object: the engine shares sets
 * through tables hashed by address (engine/state.c). */
static void test_count_ignores_sharing(void **state)
{
	struct pf_arena *a = *state;
	const uint32_t o[] = {1, 4, 9};
	const struct pf_tset *x = tset_of(a, o, 3), *y = tset_of(a, o, 3);
	assert_ptr_not_equal(x, y);
	uint64_t before = pf_lattice_ops;
	assert_ptr_equal(pf_tset_union(a, x, y), x);
	uint64_t apart = pf_lattice_ops - before;
	before = pf_lattice_ops;
	assert_ptr_equal(pf_tset_union(a, x, x), x);
	assert_true(apart == 6);
	assert_true(pf_lattice_ops - before == apart);
	before = pf_lattice_ops;
	assert_ptr_equal(pf_tset_union(a, x, &pf_tset_empty), x);
	assert_true(pf_lattice_ops == before); /* nothing to merge */
}

static void test_lset(void **state)
{
	struct pf_arena *a = *state;
	const struct pf_lset *x = pf_lset_union(a, pf_lset_one(a, 3), pf_lset_one(a, 1));
	const struct pf_lset *y = pf_lset_union(a, pf_lset_one(a, 1), pf_lset_one(a, 3));
	assert_true(pf_lset_equal(x, y));
	assert_int_equal(x->v[0], 1);
	assert_true(pf_lset_has(x, 3));
	assert_false(pf_lset_has(x, 2));
	const struct pf_lset *z = pf_lset_union(a, x, pf_lset_one(a, 2));
	assert_int_equal(z->n, 3);
	assert_false(pf_lset_equal(x, z));
	assert_ptr_equal(pf_lset_union(a, z, x), z);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_union_sorted_and_deduplicated, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_union_keeps_first_trace, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_union_returns_covering_input, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_same_origins_ignores_traces, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_map_trace_keeps_origins, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_union_is_bounded_and_counted, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_count_ignores_sharing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_lset, setup, teardown),
	};
	return cmocka_run_group_tests_name("engine lattice", tests, NULL, NULL);
}
