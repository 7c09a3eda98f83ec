/*
 * The data map in Markdown, for a wiki page or a pull request: a table of
 * categories by purpose first (what an auditor asks), then one row per flow
 * and per source that reaches nothing. Cells are escaped so that a `|` in a
 * reason cannot break the table.
 */
#include "report.h"

#include <errno.h>
#include <string.h>

#include "findings/map.h"
#include "report_int.h"

/* s with '|' escaped and newlines as spaces, as one table cell. */
static void cell(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '|')
			fputs("\\|", out);
		else if (*s == '\n' || *s == '\r')
			fputc(' ', out);
		else
			fputc(*s, out);
	}
}

static void code(FILE *out, const char *s)
{
	fputc('`', out);
	for (; s && *s; s++)
		if (*s != '`')
			fputc(*s == '|' ? '/' : *s, out);
	fputc('`', out);
}

static void summary_table(FILE *out, const struct pf_map *m)
{
	fputs("| Category | Sources |", out);
	for (size_t p = 0; p < m->npurposes; p++) {
		fputc(' ', out);
		cell(out, m->purposes[p].purpose);
		if (m->purposes[p].data_use)
			fprintf(out, " (%s)", m->purposes[p].data_use);
		fputs(" |", out);
	}
	fputs("\n|---|---|", out);
	for (size_t p = 0; p < m->npurposes; p++)
		fputs("---|", out);
	fputc('\n', out);
	for (size_t c = 0; c < m->ncategories; c++) {
		const struct pf_map_category *cat = &m->categories[c];
		fputs("| ", out);
		code(out, cat->category);
		fprintf(out, " | %zu |", cat->nsources);
		for (size_t p = 0; p < m->npurposes; p++) {
			fputc(' ', out);
			pf_map_write_counts(out, cat->count[p], "-");
			fputs(" |", out);
		}
		fputc('\n', out);
	}
}

static void flow_row(FILE *out, const struct pf_map *m, const struct pf_map_source *s,
                     const struct pf_map_flow *fl)
{
	const struct pf_finding *f = fl->finding;
	fputs("| ", out);
	code(out, s->category);
	fputs(" | ", out);
	code(out, s->name);
	fprintf(out, " %s:%u | ", s->pos->file, s->pos->line);
	cell(out, f->purpose);
	fputs(" | ", out);
	code(out, f->sink_callee);
	fprintf(out, " argument %d in ", f->sink_argument + 1);
	code(out, f->sink_function);
	fprintf(out, " %s:%u | %s", f->sink.file, f->sink.line, pf_map_status_name(fl->status));
	if (fl->status == PF_MAP_REPORTED) {
		fprintf(out, " (%s)", pf_severity_name(f->severity));
	} else if (fl->status == PF_MAP_CONSENT) {
		char fns[512];
		pf_map_flow_consent(m, fl, fns, sizeof(fns));
		if (fns[0]) {
			fputs(" by ", out);
			code(out, fns);
		}
	} else if (fl->status == PF_MAP_SUPPRESSED && f->reason) {
		fputs(": ", out);
		cell(out, f->reason);
	}
	fputs(" |\n", out);
}

int pf_map_write_markdown(FILE *out, const struct pf_map *m)
{
	errno = 0;
	fputs("# Personal data map\n\n", out);
	fprintf(out,
	        "%zu personal-data source%s, %zu reaching a sink; flows: %zu reported, %zu "
	        "accepted under consent, %zu suppressed, %zu baselined.\n\n",
	        m->nsources, m->nsources == 1 ? "" : "s", m->nreaching, m->count[PF_MAP_REPORTED],
	        m->count[PF_MAP_CONSENT], m->count[PF_MAP_SUPPRESSED], m->count[PF_MAP_BASELINED]);
	fputs("## Categories by purpose\n\n", out);
	summary_table(out, m);
	fputs("\n## Flows\n\n| Category | Source | Purpose | Sink | Status |\n"
	      "|---|---|---|---|---|\n",
	      out);
	for (size_t i = 0; i < m->nsources; i++) {
		const struct pf_map_source *s = &m->sources[i];
		for (size_t j = 0; j < s->nflows; j++)
			flow_row(out, m, s, &s->flows[j]);
		if (!s->nflows) {
			fputs("| ", out);
			code(out, s->category);
			fputs(" | ", out);
			code(out, s->name);
			fprintf(out, " %s:%u | - | - | reaches no sink |\n", s->pos->file,
			        s->pos->line);
		}
	}
	return pf_report_flush(out);
}
