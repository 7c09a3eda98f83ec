/*
 * The data map's model (findings/map.h): a report's sources and flows
 * regrouped by source, with every verdict counted per category and purpose,
 * data uses from the built-in and the project's mapping, sources that reach
 * nothing kept, a finding whose source the report does not list still
 * placed, and the program's declarations kept across the filters that
 * rebuild a report.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "findings/map.h"

static struct pf_finding flow(const char *purpose, const char *category, const char *name,
                              unsigned src_line, unsigned sink_line, const char *accepted_by)
{
	static char rule[64];
	snprintf(rule, sizeof(rule), "pii-to-%s", purpose);
	struct pf_finding f = {0};
	f.rule = rule;
	f.severity = PF_SEV_ERROR;
	f.purpose = (char *)purpose;
	f.category = (char *)category;
	f.source = (struct pf_pos){(char *)"user.h", src_line, 7};
	f.source_name = (char *)name;
	f.source_function = (char *)"";
	f.sink = (struct pf_pos){(char *)"app.c", sink_line, 3};
	f.sink_function = (char *)"on_event";
	f.sink_callee = (char *)"track";
	f.sink_argument = 1;
	f.accepted_by = (char *)accepted_by;
	f.reason = accepted_by && strcmp(accepted_by, "suppression") == 0 ? (char *)"hashed" : NULL;
	return f;
}

static void add(struct pf_report *r, struct pf_finding f)
{
	pf_report_add_finding(r, &f);
}

static void test_map_of_a_report(void **state)
{
	(void)state;
	struct pf_report r;
	pf_report_init(&r);
	pf_report_add_source(&r, "user.contact.phone_number", "phone", "",
	                     "is declared personal data", "user.h", 12, 7);
	pf_report_add_source(&r, "user.contact.email", "email", "", "is declared personal data",
	                     "user.h", 11, 7);
	pf_report_add_source(&r, "user.contact.email", "email", "", "is declared personal data",
	                     "user.h", 11, 7); /* seen by two units */
	pf_report_add_consent(&r, "ads_ok", "advertising");
	pf_report_add_consent(&r, "ads_opt_in", "advertising");
	add(&r, flow("advertising", "user.contact.email", "email", 11, 20, NULL));
	add(&r, flow("advertising", "user.contact.email", "email", 11, 30, "consent"));
	add(&r, flow("crash", "user.contact.email", "email", 11, 40, "suppression"));
	add(&r, flow("analytics", "user.name", "name", 10, 50, "baseline"));
	pf_report_sort(&r);
	assert_int_equal(r.nsources, 2);

	const char *purposes[] = {"crash"}, *uses[] = {"essential.service.operations.support"};
	struct pf_map_data_uses du = {purposes, uses, 1};
	struct pf_map m;
	pf_map_build(&m, &r, &du);

	/* sources by position; the name's came from its finding */
	assert_int_equal(m.nsources, 3);
	assert_string_equal(m.sources[0].name, "name");
	assert_string_equal(m.sources[1].name, "email");
	assert_string_equal(m.sources[2].name, "phone");
	assert_int_equal(m.sources[2].nflows, 0);
	assert_int_equal(m.nreaching, 2);

	const struct pf_map_source *e = &m.sources[1];
	assert_int_equal(e->nflows, 3);
	assert_string_equal(e->flows[0].finding->purpose, "advertising");
	assert_int_equal(e->flows[0].status, PF_MAP_REPORTED);
	assert_int_equal(e->flows[1].status, PF_MAP_CONSENT);
	assert_string_equal(e->flows[1].data_use, "marketing.advertising");
	assert_int_equal(e->flows[2].status, PF_MAP_SUPPRESSED);
	assert_string_equal(e->flows[2].data_use, "essential.service.operations.support");
	assert_int_equal(m.sources[0].flows[0].status, PF_MAP_BASELINED);

	assert_int_equal(m.npurposes, 3);
	assert_string_equal(m.purposes[0].purpose, "advertising");
	assert_string_equal(m.purposes[1].purpose, "analytics");
	assert_string_equal(m.purposes[1].data_use, "analytics");
	assert_string_equal(m.purposes[2].purpose, "crash");
	assert_int_equal(m.purposes[0].count[PF_MAP_REPORTED], 1);
	assert_int_equal(m.purposes[0].count[PF_MAP_CONSENT], 1);
	assert_int_equal(m.purposes[0].ncategories, 1);

	assert_int_equal(m.ncategories, 3);
	assert_string_equal(m.categories[0].category, "user.contact.email");
	assert_int_equal(m.categories[0].count[2][PF_MAP_SUPPRESSED], 1);
	assert_string_equal(m.categories[1].category, "user.contact.phone_number");
	assert_int_equal(m.categories[1].nsources, 1);
	assert_int_equal(m.count[PF_MAP_REPORTED] + m.count[PF_MAP_CONSENT] +
	                     m.count[PF_MAP_SUPPRESSED] + m.count[PF_MAP_BASELINED],
	                 4);

	char fns[64];
	pf_map_consent_functions(&m, "advertising", fns, sizeof(fns));
	assert_string_equal(fns, "ads_ok, ads_opt_in");
	pf_map_consent_functions(&m, "analytics", fns, sizeof(fns));
	assert_string_equal(fns, "");
	pf_map_free(&m);

	assert_null(pf_map_data_use(NULL, "crash"));
	assert_string_equal(pf_map_data_use(NULL, "marketing"), "marketing");
	const char *p2[] = {"advertising"}, *u2[] = {"marketing.advertising.third_party"};
	struct pf_map_data_uses own = {p2, u2, 1};
	assert_string_equal(pf_map_data_use(&own, "advertising"),
	                    "marketing.advertising.third_party");

	/* a filter that rebuilds the report keeps the declarations */
	struct pf_report kept;
	pf_report_init(&kept);
	pf_report_move_decls(&kept, &r);
	assert_int_equal(r.nsources, 0);
	assert_int_equal(kept.nsources, 2);
	assert_int_equal(kept.nconsents, 2);
	pf_report_free(&kept);
	pf_report_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_map_of_a_report),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
