/*
 * Summaries and state joins, the two places where the engine decides that
 * nothing changed and the fixpoint may stop: a summary holds each edge once
 * (without consent winning over with, the shorter trace over the longer),
 * equality ignores order, coarsening cuts paths to their first step and
 * drops data moving inside one object; a state join unions labels and
 * points-to sets per location, keeps entry values a side did not kill, and
 * intersects consent. A trace's loops are taken out.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine/analyze_int.h"

struct fixture {
	struct pf_program p;
	struct pf_actx cx;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	pf_intern_init(&f->p.strings);
	f->p.empty = pf_intern(&f->p.strings, "");
	f->p.star = pf_intern(&f->p.strings, "*");
	f->cx.p = &f->p;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	pf_arena_release(&f->cx.pa);
	pf_arena_release(&f->cx.a);
	pf_intern_release(&f->p.strings);
	free(f);
	return 0;
}

static struct pf_port port(struct fixture *f, enum pf_port_kind kind, int index, const char *path)
{
	return (struct pf_port){
	    .kind = (uint8_t)kind, .index = index, .path = pf_intern(&f->p.strings, path)};
}

static struct pf_edge edge(struct pf_port from, struct pf_port to, bool consented, unsigned ntrace)
{
	return (struct pf_edge){.from = from, .to = to, .consented = consented, .ntrace = ntrace};
}

static void test_add_keeps_each_edge_once(void **state)
{
	struct fixture *f = *state;
	struct pf_summary s = {0};
	struct pf_edge e =
	    edge(port(f, PF_PORT_PARAM, 0, "*"), port(f, PF_PORT_RETURN, 0, ""), false, 3);
	pf_summary_add(&f->p, &s, &e);
	pf_summary_add(&f->p, &s, &e);
	assert_int_equal(s.n, 1);
	/* the same ports as a points-to edge are another edge */
	e.pts = true;
	pf_summary_add(&f->p, &s, &e);
	assert_int_equal(s.n, 2);
	/* and so is another path, deep or not */
	struct pf_edge d =
	    edge(port(f, PF_PORT_PARAM, 0, "*"), port(f, PF_PORT_RETURN, 0, ""), false, 3);
	d.from.deep = true;
	pf_summary_add(&f->p, &s, &d);
	assert_int_equal(s.n, 3);
	pf_summary_free(&s);
	assert_int_equal(s.n, 0);
	assert_null(s.edges);
}

static void test_add_prefers_unconsented_then_shorter(void **state)
{
	struct fixture *f = *state;
	struct pf_summary s = {0};
	struct pf_port from = port(f, PF_PORT_SOURCE, 1, "");
	struct pf_port to = port(f, PF_PORT_SINK, 4, "");
	struct pf_edge consented = edge(from, to, true, 2);
	struct pf_edge longer = edge(from, to, false, 9);
	struct pf_edge shorter = edge(from, to, false, 5);
	struct pf_edge shortest_consented = edge(from, to, true, 1);

	pf_summary_add(&f->p, &s, &consented);
	assert_true(s.edges[0].consented);
	assert_true(pf_summary_wants(&s, &longer, longer.ntrace));
	pf_summary_add(&f->p, &s, &longer); /* one path without consent is enough */
	assert_int_equal(s.n, 1);
	assert_false(s.edges[0].consented);
	assert_int_equal(s.edges[0].ntrace, 9);
	pf_summary_add(&f->p, &s, &shorter);
	assert_int_equal(s.edges[0].ntrace, 5);
	pf_summary_add(&f->p, &s, &longer);
	assert_int_equal(s.edges[0].ntrace, 5);
	/* a consented path, however short, changes nothing any more */
	assert_false(pf_summary_wants(&s, &shortest_consented, 1));
	pf_summary_add(&f->p, &s, &shortest_consented);
	assert_false(s.edges[0].consented);
	assert_int_equal(s.edges[0].ntrace, 5);
	assert_false(pf_summary_wants(&s, &longer, 9));
	assert_true(pf_summary_wants(&s, &shorter, 4));
	pf_summary_free(&s);
}

static void test_add_many_keeps_index(void **state)
{
	struct fixture *f = *state;
	struct pf_summary s = {0};
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < 500; i++) {
			struct pf_edge e = edge(port(f, PF_PORT_PARAM, i % 7, ""),
			                        port(f, PF_PORT_GLOBAL, i, ""), false, 1);
			pf_summary_add(&f->p, &s, &e);
		}
	assert_int_equal(s.n, 500);
	for (int i = 0; i < 500; i++) {
		struct pf_edge e = edge(port(f, PF_PORT_PARAM, i % 7, ""),
		                        port(f, PF_PORT_GLOBAL, i, ""), false, 1);
		assert_false(pf_summary_wants(&s, &e, 1));
	}
	pf_summary_free(&s);
}

static void test_equal_ignores_order_not_consent(void **state)
{
	struct fixture *f = *state;
	struct pf_summary a = {0}, b = {0};
	struct pf_edge x =
	    edge(port(f, PF_PORT_PARAM, 0, ""), port(f, PF_PORT_RETURN, 0, ""), false, 1);
	struct pf_edge y =
	    edge(port(f, PF_PORT_SOURCE, 2, ""), port(f, PF_PORT_SINK, 0, ""), true, 1);
	pf_summary_add(&f->p, &a, &x);
	pf_summary_add(&f->p, &a, &y);
	assert_false(pf_summary_equal(&a, &b));
	pf_summary_add(&f->p, &b, &y);
	pf_summary_add(&f->p, &b, &x);
	assert_true(pf_summary_equal(&a, &b));
	assert_true(pf_summary_equal(&b, &a));
	/* traces do not count, consent does */
	struct pf_edge y_short = y;
	y_short.ntrace = 0;
	pf_summary_add(&f->p, &b, &y_short);
	assert_true(pf_summary_equal(&a, &b));
	struct pf_edge y_open = y;
	y_open.consented = false;
	pf_summary_add(&f->p, &b, &y_open);
	assert_false(pf_summary_equal(&a, &b));
	pf_summary_free(&a);
	pf_summary_free(&b);
}

static void test_coarsen_cuts_paths_and_drops_moves_inside(void **state)
{
	struct fixture *f = *state;
	struct pf_summary s = {0};
	/* param 0 .a.b -> return: cut to .a, read deep */
	struct pf_edge cut =
	    edge(port(f, PF_PORT_PARAM, 0, ".a.b"), port(f, PF_PORT_RETURN, 0, ""), false, 1);
	/* the same after the cut: merges with the first */
	struct pf_edge cut2 =
	    edge(port(f, PF_PORT_PARAM, 0, ".a*"), port(f, PF_PORT_RETURN, 0, ""), false, 1);
	/* param 1 *.x -> param 1 *.y: inside one object once cut to "*" */
	struct pf_edge inside =
	    edge(port(f, PF_PORT_PARAM, 1, "*.x"), port(f, PF_PORT_PARAM, 1, "*.y"), false, 1);
	/* sinks keep their path */
	struct pf_edge sink =
	    edge(port(f, PF_PORT_SOURCE, 3, ""), port(f, PF_PORT_SINK, 0, "*.z"), false, 1);
	pf_summary_add(&f->p, &s, &cut);
	pf_summary_add(&f->p, &s, &cut2);
	pf_summary_add(&f->p, &s, &inside);
	pf_summary_add(&f->p, &s, &sink);
	assert_int_equal(s.n, 4);

	pf_summary_coarsen(&f->p, &s, false); /* small: left alone */
	assert_int_equal(s.n, 4);

	pf_summary_coarsen(&f->p, &s, true);
	assert_int_equal(s.n, 2);
	bool seen_cut = false, seen_sink = false;
	for (size_t i = 0; i < s.n; i++) {
		const struct pf_edge *e = &s.edges[i];
		if (e->to.kind == PF_PORT_RETURN) {
			seen_cut = true;
			assert_string_equal(e->from.path, ".a");
			assert_ptr_equal(e->from.path, pf_intern(&f->p.strings, ".a"));
			assert_true(e->from.deep);
		} else {
			seen_sink = true;
			assert_int_equal(e->to.kind, PF_PORT_SINK);
			assert_string_equal(e->to.path, "*.z");
			assert_false(e->from.deep);
		}
	}
	assert_true(seen_cut);
	assert_true(seen_sink);

	/* coarsening twice changes nothing more */
	struct pf_summary again = {0};
	for (size_t i = 0; i < s.n; i++)
		pf_summary_add(&f->p, &again, &s.edges[i]);
	pf_summary_coarsen(&f->p, &again, true);
	assert_true(pf_summary_equal(&s, &again));
	pf_summary_free(&again);
	pf_summary_free(&s);
}

static void test_coarsen_bounds_large_summaries(void **state)
{
	struct fixture *f = *state;
	struct pf_summary s = {0};
	char path[32];
	for (int i = 0; i < PF_SUMMARY_MAX + 100; i++) {
		snprintf(path, sizeof(path), ".f.g%d", i);
		struct pf_edge e =
		    edge(port(f, PF_PORT_PARAM, 0, path), port(f, PF_PORT_RETURN, 0, ""), false, 1);
		pf_summary_add(&f->p, &s, &e);
	}
	assert_int_equal(s.n, PF_SUMMARY_MAX + 100);
	pf_summary_coarsen(&f->p, &s, false);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.edges[0].from.path, ".f");
	pf_summary_free(&s);
}

/* A state of the given locations, each with the labels of origin label[i]
 * (0: none) and points-to set {pts[i]} (0: none). */
static struct pf_state mkstate(struct fixture *f, const uint32_t *locs, const uint32_t *label,
                               const uint32_t *pts, size_t n)
{
	struct pf_state s = {.reached = true, .n = (uint32_t)n, .cap = (uint32_t)n};
	s.v = PF_NEW_N(&f->cx.pa, struct pf_entry, n ? n : 1);
	for (size_t i = 0; i < n; i++) {
		s.v[i].loc = locs[i];
		s.v[i].labels =
		    label[i] ? pf_tset_one(&f->cx.pa, label[i], label[i] + 100) : &pf_tset_empty;
		s.v[i].pts = pts[i] ? pf_lset_one(&f->cx.pa, pts[i]) : &pf_lset_empty;
	}
	return s;
}

static void test_join_unions_per_location(void **state)
{
	struct fixture *f = *state;
	const uint32_t dl[] = {1, 3}, dlab[] = {10, 0}, dpts[] = {0, 7};
	const uint32_t sl[] = {2, 3}, slab[] = {20, 30}, spts[] = {0, 8};
	struct pf_state dst = mkstate(f, dl, dlab, dpts, 2);
	struct pf_state src = mkstate(f, sl, slab, spts, 2);

	assert_true(pf_state_join(&f->cx, &dst, &src));
	assert_int_equal(dst.n, 3);
	for (uint32_t i = 0; i < dst.n; i++)
		assert_int_equal(dst.v[i].loc, i + 1); /* still sorted */
	assert_true(pf_tset_has(pf_state_get(&dst, 1)->labels, 10));
	assert_true(pf_tset_has(pf_state_get(&dst, 2)->labels, 20));
	const struct pf_entry *e3 = pf_state_get(&dst, 3);
	assert_true(pf_tset_has(e3->labels, 30));
	assert_true(pf_lset_has(e3->pts, 7));
	assert_true(pf_lset_has(e3->pts, 8));
	assert_null(pf_state_get(&dst, 4));

	/* joining again changes nothing: the fixpoint can stop */
	assert_false(pf_state_join(&f->cx, &dst, &src));
	assert_int_equal(dst.n, 3);
}

static void test_join_trace_only_is_no_change(void **state)
{
	struct fixture *f = *state;
	const uint32_t l[] = {5}, lab[] = {9}, pts[] = {0};
	struct pf_state dst = mkstate(f, l, lab, pts, 1);
	struct pf_state src = mkstate(f, l, lab, pts, 1);
	/* the same origin with another trace is no new information */
	src.v[0].labels = pf_tset_one(&f->cx.pa, 9, 12345);
	assert_false(pf_state_join(&f->cx, &dst, &src));
	assert_int_equal(pf_state_get(&dst, 5)->labels->n, 1);
}

static void test_join_unreached_sides(void **state)
{
	struct fixture *f = *state;
	const uint32_t l[] = {4}, lab[] = {6}, pts[] = {2};
	struct pf_state src = mkstate(f, l, lab, pts, 1);
	struct pf_state dst = {0}; /* not reached yet: takes src as it is */
	assert_true(pf_state_join(&f->cx, &dst, &src));
	assert_true(dst.reached);
	assert_int_equal(dst.n, 1);
	assert_true(pf_tset_has(pf_state_get(&dst, 4)->labels, 6));
	assert_true(pf_lset_has(pf_state_get(&dst, 4)->pts, 2));

	struct pf_state never = {0}; /* an unreached side adds nothing */
	assert_false(pf_state_join(&f->cx, &dst, &never));
	assert_int_equal(dst.n, 1);
}

static void test_join_kill_and_consent(void **state)
{
	struct fixture *f = *state;
	const uint32_t l[] = {1, 2}, lab[] = {0, 0}, pts[] = {0, 0};
	struct pf_state dst = mkstate(f, l, lab, pts, 2);
	struct pf_state src = mkstate(f, l, lab, pts, 2);
	dst.v[0].killed = true; /* overwritten on one path only */
	dst.v[1].killed = true;
	src.v[1].killed = true; /* overwritten on both */
	dst.consent = 0x3;
	src.consent = 0x6;
	assert_true(pf_state_join(&f->cx, &dst, &src));
	assert_false(pf_state_get(&dst, 1)->killed);
	assert_true(pf_state_get(&dst, 2)->killed);
	assert_int_equal(dst.consent, 0x2); /* consented on every path only */
	assert_false(pf_state_join(&f->cx, &dst, &src));
}

static void test_join_consent_variables(void **state)
{
	struct fixture *f = *state;
	struct pf_ir_var *v1 = (struct pf_ir_var *)(uintptr_t)0x1000;
	struct pf_ir_var *v2 = (struct pf_ir_var *)(uintptr_t)0x2000;
	struct pf_cvar dcv[] = {{v1, 0x3, NULL}, {v2, 0x1, NULL}};
	struct pf_cvar scv[] = {{v1, 0x1, NULL}};
	struct pf_state dst = {.reached = true, .ncv = 2, .cv = dcv};
	struct pf_state src = {.reached = true, .ncv = 1, .cv = scv};
	assert_true(pf_state_join(&f->cx, &dst, &src));
	assert_int_equal(dst.ncv, 1); /* v2 is unknown on src's path */
	assert_ptr_equal(dst.cv[0].var, v1);
	assert_int_equal(dst.cv[0].mask, 0x1);
	assert_false(pf_state_join(&f->cx, &dst, &src));
}

/* A trace that comes back to a step it took (a loop through a recursive
 * group, a callee applied in rounds) is shown without the loop: the step
 * once, then what followed its last occurrence. Steps are the same by
 * position and message text, not by pointer. */
static void test_steps_unloop(void **state)
{
	(void)state;
	char f1[] = "a.c", f2[] = "a.c", m1[] = "written into 'p' by 'f'",
	     m2[] = "written into 'p' by 'f'";
	struct pf_step s[] = {
	    {{"a.c", 1, 1}, "read"},  {{f1, 2, 3}, m1},        {{"b.c", 9, 1}, "passed to 'g'"},
	    {{"b.c", 4, 2}, "x"},     {{f2, 2, 3}, m2},        {{"a.c", 5, 1}, "passed to 'h'"},
	    {{"a.c", 5, 1}, "other"}, {{"a.c", 6, 1}, "sink"},
	};
	unsigned n = pf_steps_unloop(s, 8);
	assert_int_equal(n, 5);
	assert_int_equal(s[0].pos.line, 1);
	assert_int_equal(s[1].pos.line, 2);
	assert_string_equal(s[2].message, "passed to 'h'");
	assert_string_equal(s[3].message, "other"); /* same position, another step */
	assert_string_equal(s[4].message, "sink");
	/* nested and repeated loops, and no loop at all */
	struct pf_step t[] = {
	    {{"a.c", 1, 1}, "a"}, {{"a.c", 2, 1}, "b"}, {{"a.c", 1, 1}, "a"},
	    {{"a.c", 2, 1}, "b"}, {{"a.c", 1, 1}, "a"}, {{"a.c", 3, 1}, "c"},
	};
	assert_int_equal(pf_steps_unloop(t, 6), 2);
	assert_string_equal(t[0].message, "a");
	assert_string_equal(t[1].message, "c");
	assert_int_equal(pf_steps_unloop(t, 2), 2);
	assert_int_equal(pf_steps_unloop(t, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_add_keeps_each_edge_once, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_add_prefers_unconsented_then_shorter, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_add_many_keeps_index, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_equal_ignores_order_not_consent, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_coarsen_cuts_paths_and_drops_moves_inside, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_coarsen_bounds_large_summaries, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_join_unions_per_location, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_join_trace_only_is_no_change, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_join_unreached_sides, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_join_kill_and_consent, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_join_consent_variables, setup, teardown),
	    cmocka_unit_test(test_steps_unloop),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
