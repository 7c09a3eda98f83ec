/*
 * The config's policy applied to a report: a severity per purpose, narrowed
 * by category, and the excluded paths. A privacy team can thereby allow
 * pseudonymous identifiers in analytics while keeping every identifier out
 * of advertising, or make a purpose a warning while a codebase is cleaned up.
 * "off" and excluded files remove findings altogether, from `accepted` too:
 * what the policy does not police is not an audit item either.
 */
#include "policy/policy.h"

#include <stdlib.h>
#include <string.h>

static enum pf_severity severity_of(enum pf_level level)
{
	return level == PF_LEVEL_WARNING ? PF_SEV_WARNING : PF_SEV_ERROR;
}

/* Copies f into out unless the policy drops it, with its new severity. */
static void keep_finding(struct pf_report *out, const struct pf_config *c,
                         const struct pf_finding *f)
{
	enum pf_level level = pf_config_level(c, f->purpose, f->category);
	if (level == PF_LEVEL_OFF || pf_config_excluded(c, f->sink.file))
		return;
	struct pf_finding copy = *f;
	copy.severity = severity_of(level);
	pf_report_add_finding(out, &copy);
}

void pf_policy_apply(struct pf_report *r, const struct pf_config *c)
{
	struct pf_report kept;
	pf_report_init(&kept);
	for (size_t i = 0; i < r->nfindings; i++)
		keep_finding(&kept, c, &r->findings[i]);
	for (size_t i = 0; i < r->naccepted; i++)
		keep_finding(&kept, c, &r->accepted[i]);
	for (size_t i = 0; i < r->ndiagnostics; i++) {
		const struct pf_diagnostic *d = &r->diagnostics[i];
		if (!pf_config_excluded(c, d->pos.file))
			pf_report_add_diagnostic(&kept, d->rule, d->severity, d->pos.file,
			                         d->pos.line, d->pos.column, d->message);
	}
	kept.summary = r->summary;
	pf_report_move_decls(&kept, r);
	pf_report_free(r);
	*r = kept;
}
