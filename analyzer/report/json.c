/*
 * The JSON reporter: schema version 1 of SPEC section 5, for scripts and
 * dashboards that want the findings as data. Keys are sorted and the layout
 * fixed, so that two runs over the same code diff clean. Accepted findings
 * are kept apart from `findings` so that a consumer of that list never counts
 * a consented or suppressed flow as a violation.
 */
#include "report.h"

#include <math.h>

#include "report_int.h"

#define PF_JSON_SCHEMA_VERSION 1

static void set(json_t *obj, const char *key, json_t *value)
{
	json_object_set_new(obj, key, value);
}

static json_t *str(const char *s)
{
	return pf_report_json_string(s);
}

/* file, line and column of a position into obj. */
static void set_pos(json_t *obj, const struct pf_pos *p)
{
	set(obj, "file", str(p->file));
	set(obj, "line", json_integer(p->line));
	set(obj, "column", json_integer(p->column));
}

static json_t *trace_json(const struct pf_trace_step *steps, size_t n)
{
	json_t *trace = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *step = json_object();
		set_pos(step, &steps[i].pos);
		set(step, "message", str(steps[i].message));
		json_array_append_new(trace, step);
	}
	return trace;
}

static json_t *finding_json(const struct pf_finding *f)
{
	json_t *o = json_object();
	set(o, "rule", str(f->rule));
	set(o, "severity", str(pf_severity_name(f->severity)));
	set(o, "message", str(f->message));
	set(o, "purpose", str(f->purpose));
	set(o, "category", str(f->category));

	json_t *source = json_object();
	set_pos(source, &f->source);
	set(source, "name", str(f->source_name));
	set(o, "source", source);

	set(o, "sink", pf_report_json_sink(f));

	set(o, "trace", trace_json(f->trace, f->ntrace));
	json_t *sources = json_array();
	for (size_t i = 0; i < f->nsources; i++) {
		const struct pf_finding_source *s = &f->sources[i];
		json_t *so = json_object();
		set(so, "category", str(s->category));
		set_pos(so, &s->pos);
		set(so, "name", str(s->name));
		set(so, "trace", trace_json(s->trace, s->ntrace));
		json_array_append_new(sources, so);
	}
	set(o, "sources", sources);
	if (f->endpoint)
		set(o, "endpoint", str(f->endpoint));
	set(o, "fingerprint", str(f->fingerprint));
	if (f->accepted_by)
		set(o, "accepted_by", str(f->accepted_by));
	if (f->reason)
		set(o, "reason", str(f->reason));
	if (f->consent_function) {
		/* the check that accepted the flow (SPEC section 5) */
		set(o, "consent_function", str(f->consent_function));
		json_t *consent = json_object();
		set(consent, "function", str(f->consent_function));
		if (f->consent.file && f->consent.file[0])
			set_pos(consent, &f->consent);
		set(o, "consent", consent);
	}
	return o;
}

static json_t *diagnostic_json(const struct pf_diagnostic *d)
{
	json_t *o = json_object();
	set(o, "rule", str(d->rule));
	set(o, "severity", str(pf_severity_name(d->severity)));
	set_pos(o, &d->pos);
	set(o, "message", str(d->message));
	return o;
}

static json_t *summary_json(const struct pf_report *r)
{
	struct pf_summary_counts s = pf_report_summary(r);
	json_t *o = json_object();
	set(o, "translation_units", json_integer(s.translation_units));
	set(o, "functions", json_integer(s.functions));
	set(o, "findings", json_integer(s.findings));
	set(o, "suppressed", json_integer(s.suppressed));
	set(o, "baselined", json_integer(s.baselined));
	set(o, "consented", json_integer(s.consented));
	set(o, "opaque_calls", json_integer(s.opaque_calls));
	/* Milliseconds are all a reader of a run's duration needs, and a
	 * rounded value prints short (0.41, not 0.40999999999999998). */
	double seconds = 0;
	if (isfinite(s.seconds) && s.seconds > 0 && s.seconds < 1e12)
		seconds = (double)(long long)(s.seconds * 1000 + 0.5) / 1000;
	set(o, "seconds", json_real(seconds));
	return o;
}

int pf_report_write_json(FILE *out, const struct pf_report *r)
{
	json_t *root = pf_report_json_root(PF_JSON_SCHEMA_VERSION);

	json_t *findings = json_array();
	for (size_t i = 0; i < r->nfindings; i++)
		json_array_append_new(findings, finding_json(&r->findings[i]));
	set(root, "findings", findings);

	json_t *accepted = json_array();
	for (size_t i = 0; i < r->naccepted; i++)
		json_array_append_new(accepted, finding_json(&r->accepted[i]));
	set(root, "accepted", accepted);

	json_t *diagnostics = json_array();
	for (size_t i = 0; i < r->ndiagnostics; i++)
		json_array_append_new(diagnostics, diagnostic_json(&r->diagnostics[i]));
	set(root, "diagnostics", diagnostics);

	set(root, "summary", summary_json(r));

	int rc = pf_report_json_dump(out, root);
	json_decref(root);
	return rc;
}
