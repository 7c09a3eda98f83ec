/*
 * The text reporter: the compiler's diagnostic format, because every editor,
 * CI log parser and `make` user already reads it. One error (or warning, per
 * policy) per finding at the sink, then its trace as notes, source first, so
 * that "jump to next error" lands on the sink and the notes walk back to where
 * the data came from. Accepted findings are not printed: they are not
 * violations, and the JSON and SARIF reports list them for auditors.
 */
#include "report.h"

#include <errno.h>
#include <stdlib.h>

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

	char *note = pf_finding_source_note(f);
	print_pos(out, &f->source);
	fprintf(out, "note: %s\n", note);
	free(note);
	for (size_t i = 0; i < f->ntrace; i++) {
		print_pos(out, &f->trace[i].pos);
		fprintf(out, "note: %s\n", f->trace[i].message ? f->trace[i].message : "");
	}
}

/* Findings first, then diagnostics, each list in the report's (sorted)
 * order. */
int pf_report_write_text(FILE *out, const struct pf_report *r)
{
	errno = 0;
	for (size_t i = 0; i < r->nfindings; i++)
		print_finding(out, &r->findings[i]);
	for (size_t i = 0; i < r->ndiagnostics; i++) {
		const struct pf_diagnostic *d = &r->diagnostics[i];
		print_pos(out, &d->pos);
		fprintf(out, "%s: %s [%s]\n", pf_severity_name(d->severity),
		        d->message ? d->message : "", d->rule ? d->rule : "");
	}
	if (fflush(out) != 0 || ferror(out)) {
		if (!errno)
			errno = EIO;
		return -1;
	}
	return 0;
}
