/*
 * Applying the rules to the linked program. Lowering does not see the rules
 * (so that one IR file serves any rules files, and editing a rules file
 * re-uses every cached unit): it records each field and global without an
 * annotation by name. Here, once per program, a rules entry naming one makes
 * it personal data, and the field entries that matched are remembered for
 * the unmatched-rule warnings (unmatched.c).
 */
#include "engine/engine_int.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

static const char pf_by_rules[] = "is declared personal data by the rules";

static size_t pf_name_slot(const char *name, size_t cap)
{
	return (size_t)XXH3_64bits(name, strlen(name)) & (cap - 1);
}

/* A program declares millions of fields and globals (each unit the ones
 * of every header it includes), and rules name a few: the names they give
 * are indexed once, and any other name is looked up no further. */
void pf_rules_apply_init(struct pf_program *p)
{
	const struct pf_rules *r = p->opts->rules;
	size_t n = r ? r->nsources : 0;
	p->rule_names_cap = 16;
	while (p->rule_names_cap < n * 2)
		p->rule_names_cap *= 2;
	p->rule_names = pf_xcalloc(p->rule_names_cap, sizeof(*p->rule_names));
	for (size_t i = 0; i < n; i++) {
		const struct pf_rule_source *s = &r->sources[i];
		const char *name = s->kind == PF_SRC_FIELD      ? s->field
		                   : s->kind == PF_SRC_VARIABLE ? s->name
		                                                : NULL;
		if (!name)
			continue;
		size_t k = pf_name_slot(name, p->rule_names_cap);
		while (p->rule_names[k] && strcmp(p->rule_names[k], name) != 0)
			k = (k + 1) & (p->rule_names_cap - 1);
		p->rule_names[k] = name;
	}
}

static bool pf_rules_name(const struct pf_program *p, const char *name)
{
	if (!p->rule_names_cap)
		return true; /* not indexed: look it up */
	for (size_t k = pf_name_slot(name, p->rule_names_cap); p->rule_names[k];
	     k = (k + 1) & (p->rule_names_cap - 1))
		if (strcmp(p->rule_names[k], name) == 0)
			return true;
	return false;
}

/* The rules entry that names a field (record set) or global, or NULL. */
static const struct pf_rule_source *pf_naming_rule(const struct pf_program *p, bool field,
                                                   const struct pf_ir_record_names *rec,
                                                   const char *name)
{
	const struct pf_rules *r = p->opts->rules;
	if (!r || !pf_rules_name(p, name))
		return NULL;
	if (field)
		return pf_rules_find_record_field(r, rec->tag, rec->type, name);
	return pf_rules_find_variable_source(r, name);
}

struct pf_ir_source *pf_rules_apply_source(struct pf_program *p, struct pf_ir_source *s)
{
	if (s->kind == PF_IR_SRC_DECLARED)
		return s;
	bool field = s->kind == PF_IR_SRC_FIELD;
	const struct pf_rule_source *rs = pf_naming_rule(p, field, &s->record, s->name);
	if (!rs)
		return NULL;
	if (field)
		PF_VEC_PUSH(p->matched_rules, (const void *)rs);
	struct pf_ir_source *m = PF_NEW(&p->arena, struct pf_ir_source);
	*m = *s;
	m->kind = PF_IR_SRC_DECLARED;
	m->category = pf_intern(&p->strings, rs->category);
	m->how = pf_by_rules;
	return m;
}

const char *pf_rules_apply_decl(const struct pf_program *p, const struct pf_ir_decl *d,
                                const char **how)
{
	*how = d->how;
	if (d->annotated)
		return d->category;
	if (d->kind != PF_D_FIELD && d->kind != PF_D_GLOBAL)
		return NULL;
	const struct pf_rule_source *rs =
	    pf_naming_rule(p, d->kind == PF_D_FIELD, &d->record, d->name);
	*how = pf_by_rules;
	return rs ? rs->category : NULL;
}

bool pf_rules_field_matched(const struct pf_program *p, const void *rule)
{
	for (size_t i = 0; i < p->matched_rules.n; i++)
		if (p->matched_rules.v[i] == rule)
			return true;
	return false;
}
