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

#include "util/xalloc.h"

static enum pf_severity severity_of(enum pf_level level)
{
	return level == PF_LEVEL_WARNING ? PF_SEV_WARNING : PF_SEV_ERROR;
}

/* Copies f into out with the sources whose category the policy polices
 * for f's purpose and the highest severity among them, unless none is left
 * or the sink lies in an excluded file. The fingerprint stays: it names
 * every category that reaches the call, whatever the policy reports. */
static void keep_finding(struct pf_report *out, const struct pf_config *c,
                         const struct pf_finding *f)
{
	if (pf_config_excluded(c, f->sink.file))
		return;
	struct pf_finding_source *kept = pf_xcalloc(f->nsources + 1, sizeof(*kept));
	size_t n = 0;
	enum pf_severity sev = PF_SEV_WARNING;
	for (size_t i = 0; i < f->nsources; i++) {
		enum pf_level level = pf_config_level(c, f->purpose, f->sources[i].category);
		if (level == PF_LEVEL_OFF)
			continue;
		if (severity_of(level) > sev)
			sev = severity_of(level);
		kept[n++] = f->sources[i];
	}
	if (n) {
		struct pf_finding copy = *f;
		copy.severity = sev;
		copy.sources = kept;
		if (n != f->nsources) /* the message names the categories reported */
			copy.message = NULL;
		copy.nsources = n;
		pf_report_add_finding(out, &copy);
	}
	free(kept);
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
