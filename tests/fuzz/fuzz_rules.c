/*
 * Fuzz target: the rules loader. A rules file is hand-written JSON from a
 * project or an SDK vendor, so any bytes may reach it: it must answer every
 * one with 0 or an error that names a place, never crash, and leave a
 * failed load without a trace. Loaded rules are then asked what the engine
 * asks, so that a strange but valid entry (a regex, "...", "return") is
 * exercised too.
 */
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "rules/rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pf_rules r;
	struct pf_error err;
	char msg[2048];
	pf_rules_init(&r);
	if (pf_rules_load_buffer(&r, "fuzz.json", (const char *)data, size, false, &err) != 0) {
		pf_error_format(&err, "error", msg, sizeof(msg));
		if (r.nfiles || r.nsources || r.nsinks || r.npropagators)
			__builtin_trap(); /* a failed load must add nothing */
	} else {
		static const char *const names[] = {"strcpy", "ads_log", "fb_analytics_x", "",
		                                    "getlogin"};
		for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
			const char *fn = names[i];
			for (const struct pf_rule_sink *s = pf_rules_find_sink(&r, fn, NULL); s;
			     s = pf_rules_find_sink(&r, fn, s))
				for (int a = -1; a < 4; a++)
					(void)pf_rules_sink_takes_arg(s, a, 2);
			const struct pf_rule_propagator *g = pf_rules_find_propagator(&r, fn);
			for (int a = 0; g && a < 4; a++)
				(void)pf_rules_propagator_reads_arg(g, a, 1);
			(void)pf_rules_find_function_source(&r, fn);
			(void)pf_rules_find_anonymizer(&r, fn);
			(void)pf_rules_find_consent(&r, fn);
			(void)pf_rules_find_variable_source(&r, fn);
		}
		(void)pf_rules_find_field_source(&r, "passwd", "pw_gecos");
	}
	pf_rules_free(&r);
	return 0;
}
