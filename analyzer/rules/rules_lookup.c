/*
 * Answers the engine's questions about a call: is this function a sink, a
 * source, a propagator, an anonymizer, a consent check, and does argument i
 * take part. Linear scans: a run loads a few hundred rules, and the engine
 * asks once per callee, not once per instruction.
 */
#include "rules.h"

#include <string.h>

static bool sink_matches(const struct pf_rule_sink *s, const char *fn)
{
	if (s->function)
		return strcmp(s->function, fn) == 0;
	return s->function_regex && regexec(&s->regex, fn, 0, NULL, 0) == 0;
}

const struct pf_rule_sink *pf_rules_find_sink(const struct pf_rules *r, const char *fn,
                                              const struct pf_rule_sink *after)
{
	size_t start = after ? (size_t)(after - r->sinks) + 1 : 0;
	for (size_t i = start; i < r->nsinks; i++)
		if (sink_matches(&r->sinks[i], fn))
			return &r->sinks[i];
	return NULL;
}

const struct pf_rule_source *pf_rules_find_function_source_next(const struct pf_rules *r,
                                                                const char *fn,
                                                                const struct pf_rule_source *after)
{
	size_t start = after ? (size_t)(after - r->sources) + 1 : 0;
	for (size_t i = start; i < r->nsources; i++)
		if (r->sources[i].kind == PF_SRC_FUNCTION && strcmp(r->sources[i].name, fn) == 0)
			return &r->sources[i];
	return NULL;
}

const struct pf_rule_source *pf_rules_find_function_source(const struct pf_rules *r, const char *fn)
{
	return pf_rules_find_function_source_next(r, fn, NULL);
}

const struct pf_rule_source *pf_rules_find_field_source(const struct pf_rules *r,
                                                        const char *record, const char *field)
{
	for (size_t i = 0; i < r->nsources; i++) {
		const struct pf_rule_source *s = &r->sources[i];
		if (s->kind == PF_SRC_FIELD && strcmp(s->record, record) == 0 &&
		    strcmp(s->field, field) == 0)
			return s;
	}
	return NULL;
}

const struct pf_rule_source *pf_rules_find_variable_source(const struct pf_rules *r,
                                                           const char *name)
{
	for (size_t i = 0; i < r->nsources; i++)
		if (r->sources[i].kind == PF_SRC_VARIABLE && strcmp(r->sources[i].name, name) == 0)
			return &r->sources[i];
	return NULL;
}

const struct pf_rule_propagator *pf_rules_find_propagator(const struct pf_rules *r, const char *fn)
{
	for (size_t i = 0; i < r->npropagators; i++)
		if (strcmp(r->propagators[i].function, fn) == 0)
			return &r->propagators[i];
	return NULL;
}

const struct pf_rule_anonymizer *pf_rules_find_anonymizer(const struct pf_rules *r, const char *fn)
{
	for (size_t i = 0; i < r->nanonymizers; i++)
		if (strcmp(r->anonymizers[i].function, fn) == 0)
			return &r->anonymizers[i];
	return NULL;
}

const struct pf_rule_consent *pf_rules_find_consent(const struct pf_rules *r, const char *fn)
{
	for (size_t i = 0; i < r->nconsents; i++)
		if (strcmp(r->consents[i].function, fn) == 0)
			return &r->consents[i];
	return NULL;
}

bool pf_argpos_matches(const struct pf_argpos *list, size_t n, int i, int nfixed)
{
	for (size_t k = 0; k < n; k++) {
		switch (list[k].kind) {
		case PF_ARG_INDEX:
			if (i >= 0 && list[k].index == i)
				return true;
			break;
		case PF_ARG_VARIADIC:
			if (i >= 0 && i >= nfixed)
				return true;
			break;
		case PF_ARG_RETURN:
			if (i == PF_ARGPOS_RETURN)
				return true;
			break;
		}
	}
	return false;
}

bool pf_rules_sink_takes_arg(const struct pf_rule_sink *s, int i, int nfixed)
{
	if (i < 0)
		return false;
	return s->all_args || pf_argpos_matches(s->args, s->nargs, i, nfixed);
}

bool pf_rules_propagator_reads_arg(const struct pf_rule_propagator *g, int i, int nfixed)
{
	if (i < 0)
		return false;
	return g->from_all || pf_argpos_matches(g->from, g->nfrom, i, nfixed);
}
