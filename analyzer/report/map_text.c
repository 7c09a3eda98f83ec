/*
 * The data map as text, for a person at a terminal: each source with its
 * category and declaration, then one line per flow (purpose, verdict, sink
 * call and where it is), then a table of categories by purpose. Positions
 * are the compiler's FILE:LINE:COL so that editors jump to them.
 */
#include "report.h"

#include <errno.h>
#include <string.h>

#include "findings/map.h"
#include "report_int.h"

int pf_report_flush(FILE *out)
{
	if (fflush(out) != 0 || ferror(out)) {
		if (!errno)
			errno = EIO;
		return -1;
	}
	return 0;
}

static void print_flow(FILE *out, const struct pf_map *m, const struct pf_map_flow *fl,
                       int purpose_width)
{
	const struct pf_finding *f = fl->finding;
	fprintf(out, "    %-*s  %-10s  %s:%u:%u: '%s' argument %d in '%s'", purpose_width,
	        f->purpose, pf_map_status_name(fl->status), f->sink.file, f->sink.line,
	        f->sink.column, f->sink_callee, f->sink_argument + 1, f->sink_function);
	if (fl->status == PF_MAP_REPORTED) {
		fprintf(out, " [%s]", pf_severity_name(f->severity));
	} else if (fl->status == PF_MAP_CONSENT) {
		char fns[512];
		pf_map_flow_consent(m, fl, fns, sizeof(fns));
		if (f->consent_function || fns[0])
			fprintf(out, " (consent: %s)", fns);
	} else if (fl->status == PF_MAP_SUPPRESSED && f->reason) {
		fprintf(out, " (reason: %s)", f->reason);
	}
	fputc('\n', out);
}

int pf_map_write_text(FILE *out, const struct pf_map *m)
{
	errno = 0;
	int pw = 7;
	for (size_t p = 0; p < m->npurposes; p++)
		if ((int)strlen(m->purposes[p].purpose) > pw)
			pw = (int)strlen(m->purposes[p].purpose);
	fprintf(out, "personal data sources (%zu):\n", m->nsources);
	for (size_t i = 0; i < m->nsources; i++) {
		const struct pf_map_source *s = &m->sources[i];
		fprintf(out, "  %s:%u:%u: %s '%s'", s->pos->file, s->pos->line, s->pos->column,
		        s->category, s->name);
		if (s->function[0])
			fprintf(out, " in '%s'", s->function);
		fprintf(out, " %s\n", s->how);
		if (!s->nflows)
			fprintf(out, "    reaches no sink\n");
		for (size_t j = 0; j < s->nflows; j++)
			print_flow(out, m, &s->flows[j], pw);
	}
	fprintf(out, "\ncategories by purpose:\n");
	for (size_t c = 0; c < m->ncategories; c++) {
		const struct pf_map_category *cat = &m->categories[c];
		fprintf(out, "  %s (%zu source%s):", cat->category, cat->nsources,
		        cat->nsources == 1 ? "" : "s");
		bool any = false;
		for (size_t p = 0; p < m->npurposes; p++) {
			size_t total = 0;
			for (int s = 0; s < PF_MAP_NSTATUS; s++)
				total += cat->count[p][s];
			if (!total)
				continue;
			fprintf(out, "%s %s (", any ? ";" : "", m->purposes[p].purpose);
			pf_map_write_counts(out, cat->count[p], NULL);
			fputc(')', out);
			any = true;
		}
		fprintf(out, "%s\n", any ? "" : " no sink");
	}
	fprintf(out,
	        "\n%zu source%s, %zu reaching a sink; flows: %zu reported, %zu accepted under "
	        "consent, %zu suppressed, %zu baselined\n",
	        m->nsources, m->nsources == 1 ? "" : "s", m->nreaching, m->count[PF_MAP_REPORTED],
	        m->count[PF_MAP_CONSENT], m->count[PF_MAP_SUPPRESSED], m->count[PF_MAP_BASELINED]);
	return pf_report_flush(out);
}
