/*
 * Rules that match nothing: a user's rules entry (not a shipped one) that
 * names a function, field or global the analyzed program never mentions is
 * almost always a typo or a stale rule, and a silent one is the complaint
 * users have about the taint checkers they compare us with. Each becomes an
 * unmatched-rule warning at the entry's line in its file.
 */
#include "engine/engine_int.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/path.h"

static bool pf_has_function(struct pf_program *p, const char *name)
{
	for (size_t i = 0; i < p->fns.n; i++)
		if (strcmp(p->fns.v[i]->name, name) == 0)
			return true;
	return false;
}

static bool pf_has_function_regex(struct pf_program *p, const regex_t *re)
{
	for (size_t i = 0; i < p->fns.n; i++)
		if (regexec(re, p->fns.v[i]->name, 0, NULL, 0) == 0)
			return true;
	return false;
}

static bool pf_has_global(struct pf_program *p, const char *name)
{
	for (size_t i = 0; i < p->globals.n; i++)
		if (strcmp(p->globals.v[i].name, name) == 0)
			return true;
	return false;
}

static void pf_unmatched(struct pf_program *p, const struct pf_rule_origin *o, const char *what,
                         const char *name)
{
	int line, column;
	pf_rules_origin_position(o, &line, &column);
	char *abs = pf_path_absolute(NULL, o->file);
	char *disp = pf_path_display(abs);
	char msg[1024];
	snprintf(msg, sizeof(msg),
	         "rules entry %s names %s '%s', which does not occur in the analyzed program",
	         o->json_path ? o->json_path : "?", what, name);
	pf_report_add_diagnostic(p->report, "unmatched-rule", PF_SEV_WARNING, disp, (unsigned)line,
	                         (unsigned)column, msg);
	free(abs);
	free(disp);
}

void pf_check_unmatched_rules(struct pf_program *p)
{
	const struct pf_rules *r = p->opts->rules;
	if (!r)
		return;
	for (size_t i = 0; i < r->nsources; i++) {
		const struct pf_rule_source *s = &r->sources[i];
		if (s->origin.shipped)
			continue;
		if (s->kind == PF_SRC_FUNCTION && !pf_has_function(p, s->name))
			pf_unmatched(p, &s->origin, "function", s->name);
		else if (s->kind == PF_SRC_VARIABLE && !pf_has_global(p, s->name))
			pf_unmatched(p, &s->origin, "global", s->name);
		else if (s->kind == PF_SRC_FIELD && !pf_rules_field_matched(p, s))
			pf_unmatched(p, &s->origin, "field", s->name);
	}
	for (size_t i = 0; i < r->nsinks; i++) {
		const struct pf_rule_sink *s = &r->sinks[i];
		if (s->origin.shipped)
			continue;
		if (s->function && !pf_has_function(p, s->function))
			pf_unmatched(p, &s->origin, "function", s->function);
		else if (s->function_regex && !pf_has_function_regex(p, &s->regex))
			pf_unmatched(p, &s->origin, "functions matching", s->function_regex);
	}
	for (size_t i = 0; i < r->npropagators; i++)
		if (!r->propagators[i].origin.shipped &&
		    !pf_has_function(p, r->propagators[i].function))
			pf_unmatched(p, &r->propagators[i].origin, "function",
			             r->propagators[i].function);
	for (size_t i = 0; i < r->nanonymizers; i++)
		if (!r->anonymizers[i].origin.shipped &&
		    !pf_has_function(p, r->anonymizers[i].function))
			pf_unmatched(p, &r->anonymizers[i].origin, "function",
			             r->anonymizers[i].function);
	for (size_t i = 0; i < r->nconsents; i++)
		if (!r->consents[i].origin.shipped && !pf_has_function(p, r->consents[i].function))
			pf_unmatched(p, &r->consents[i].origin, "function",
			             r->consents[i].function);
}
