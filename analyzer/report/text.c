/*
 * The text reporter: the compiler's diagnostic format, because every editor,
 * CI log parser and `make` user already reads it. One error (or warning, per
 * policy) per finding at the sink, then its trace as notes, source first, so
 * that "jump to next error" lands on the sink and the notes walk back to where
 * the data came from. A flow accepted by consent is one note at its sink
 * that names the consent check, so that a reader sees why it passed; other
 * accepted findings (suppressed, baselined) are only counted. The JSON and
 * SARIF reports list every accepted finding for auditors.
 */
#include "report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* "FILE:LINE:COL: ", shortened as compilers do when a part is unknown. */
static void print_pos(FILE *out, const struct pf_pos *p)
{
	if (!p->file || !p->file[0])
		return;
	if (!p->line)
		fprintf(out, "%s: ", p->file);
	else if (!p->column)
		fprintf(out, "%s:%u: ", p->file, p->line);
	else
		fprintf(out, "%s:%u:%u: ", p->file, p->line, p->column);
}

static void print_finding(FILE *out, const struct pf_finding *f)
{
	char *composed = NULL;
	const char *msg = f->message;
	if (!msg || !msg[0])
		msg = composed = pf_finding_compose_message(f);
	print_pos(out, &f->sink);
	fprintf(out, "%s: %s [%s]\n", pf_severity_name(f->severity), msg, f->rule ? f->rule : "");
	free(composed);

	/* each source, then its trace, which ends at the sink call */
	for (size_t k = 0; k < f->nsources; k++) {
		const struct pf_finding_source *s = &f->sources[k];
		char *note = pf_finding_source_note_of(s);
		print_pos(out, &s->pos);
		fprintf(out, "note: %s\n", note);
		free(note);
		for (size_t i = 0; i < s->ntrace; i++) {
			print_pos(out, &s->trace[i].pos);
			fprintf(out, "note: %s\n", s->trace[i].message ? s->trace[i].message : "");
		}
	}
}

/* "note: accepted: MESSAGE; consent checked by 'FN' at FILE:LINE:COL". */
static void print_consented(FILE *out, const struct pf_finding *f)
{
	char *composed = NULL;
	const char *msg = f->message;
	if (!msg || !msg[0])
		msg = composed = pf_finding_compose_message(f);
	char *check = pf_finding_consent_text(f);
	print_pos(out, &f->sink);
	fprintf(out, "note: accepted: %s; %s [%s]\n", msg, check, f->rule ? f->rule : "");
	free(check);
	free(composed);
}

/* Findings first, then the flows consent accepted, then diagnostics, each
 * list in the report's (sorted) order, then one line that sums the run up. */
int pf_report_write_text(FILE *out, const struct pf_report *r)
{
	errno = 0;
	for (size_t i = 0; i < r->nfindings; i++)
		print_finding(out, &r->findings[i]);
	for (size_t i = 0; i < r->naccepted; i++)
		if (r->accepted[i].accepted_by &&
		    strcmp(r->accepted[i].accepted_by, "consent") == 0)
			print_consented(out, &r->accepted[i]);
	for (size_t i = 0; i < r->ndiagnostics; i++) {
		const struct pf_diagnostic *d = &r->diagnostics[i];
		print_pos(out, &d->pos);
		fprintf(out, "%s: %s [%s]\n", pf_severity_name(d->severity),
		        d->message ? d->message : "", d->rule ? d->rule : "");
	}
	char *summary = pf_report_summary_line(r);
	fprintf(out, "%s\n", summary);
	free(summary);
	if (fflush(out) != 0 || ferror(out)) {
		if (!errno)
			errno = EIO;
		return -1;
	}
	return 0;
}
