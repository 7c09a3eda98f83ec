/*
 * The data map as JSON (map schema version 1, docs/map.md), for dashboards
 * and for a map checked into a repository: sorted keys, sorted lists and no
 * timing, so that the file changes only when a flow does.
 */
#include "report.h"

#include <string.h>

#include "findings/map.h"
#include "report_int.h"

#define PF_MAP_SCHEMA_VERSION 1

static void set(json_t *obj, const char *key, json_t *value)
{
	json_object_set_new(obj, key, value);
}

static json_t *str(const char *s)
{
	return pf_report_json_string(s);
}

static json_t *str_or_null(const char *s)
{
	return s ? str(s) : json_null();
}

static void set_pos(json_t *o, const struct pf_pos *p)
{
	set(o, "file", str(p->file));
	set(o, "line", json_integer(p->line));
	set(o, "column", json_integer(p->column));
}

static json_t *counts_json(const size_t *count)
{
	json_t *o = json_object();
	for (int s = 0; s < PF_MAP_NSTATUS; s++)
		set(o, pf_map_status_name((enum pf_map_status)s),
		    json_integer((json_int_t)count[s]));
	return o;
}

/* The consent functions of purpose. */
static json_t *consent_functions_json(const struct pf_map *m, const char *purpose)
{
	json_t *fns = json_array();
	for (size_t i = 0; i < m->nconsents; i++)
		if (strcmp(m->consents[i].purpose, purpose) == 0)
			json_array_append_new(fns, str(m->consents[i].function));
	return fns;
}

static json_t *flow_json(const struct pf_map *m, const struct pf_map_flow *fl)
{
	const struct pf_finding *f = fl->finding;
	json_t *o = json_object();
	set(o, "purpose", str(f->purpose));
	set(o, "data_use", str_or_null(fl->data_use));
	set(o, "status", str(pf_map_status_name(fl->status)));
	set(o, "rule", str(f->rule));
	set(o, "severity", str(pf_severity_name(f->severity)));
	set(o, "sink", pf_report_json_sink(f));
	set(o, "fingerprint", str(f->fingerprint));
	if (fl->status == PF_MAP_CONSENT) {
		set(o, "consent_functions", consent_functions_json(m, f->purpose));
		if (f->consent_function) { /* the check that accepted this flow */
			json_t *c = json_object();
			set(c, "function", str(f->consent_function));
			if (f->consent.file && f->consent.file[0])
				set_pos(c, &f->consent);
			set(o, "consent", c);
		}
	}
	if (fl->status == PF_MAP_SUPPRESSED)
		set(o, "reason", str(f->reason));
	return o;
}

static json_t *source_json(const struct pf_map *m, const struct pf_map_source *s)
{
	json_t *o = json_object();
	set(o, "category", str(s->category));
	set(o, "name", str(s->name));
	set(o, "function", str(s->function));
	set(o, "how", str(s->how));
	set_pos(o, s->pos);
	json_t *flows = json_array();
	for (size_t i = 0; i < s->nflows; i++)
		json_array_append_new(flows, flow_json(m, &s->flows[i]));
	set(o, "flows", flows);
	return o;
}

static json_t *purpose_json(const struct pf_map *m, const struct pf_map_purpose *mp)
{
	json_t *o = json_object();
	set(o, "purpose", str(mp->purpose));
	set(o, "data_use", str_or_null(mp->data_use));
	json_t *cats = json_array();
	for (size_t c = 0; c < mp->ncategories; c++)
		json_array_append_new(cats, str(mp->categories[c]));
	set(o, "categories", cats);
	set(o, "flows", counts_json(mp->count));
	set(o, "consent_functions", consent_functions_json(m, mp->purpose));
	return o;
}

/* A category, with its flows counted for each purpose it reaches. */
static json_t *category_json(const struct pf_map *m, const struct pf_map_category *cat)
{
	json_t *o = json_object();
	set(o, "category", str(cat->category));
	set(o, "sources", json_integer((json_int_t)cat->nsources));
	json_t *reached = json_object();
	for (size_t p = 0; p < m->npurposes; p++) {
		size_t total = 0;
		for (int s = 0; s < PF_MAP_NSTATUS; s++)
			total += cat->count[p][s];
		if (total)
			set(reached, m->purposes[p].purpose, counts_json(cat->count[p]));
	}
	set(o, "purposes", reached);
	return o;
}

int pf_map_write_json(FILE *out, const struct pf_map *m)
{
	json_t *root = pf_report_json_root(PF_MAP_SCHEMA_VERSION);

	json_t *sources = json_array();
	for (size_t i = 0; i < m->nsources; i++)
		json_array_append_new(sources, source_json(m, &m->sources[i]));
	set(root, "sources", sources);

	json_t *purposes = json_array();
	for (size_t p = 0; p < m->npurposes; p++)
		json_array_append_new(purposes, purpose_json(m, &m->purposes[p]));
	set(root, "purposes", purposes);

	json_t *categories = json_array();
	for (size_t c = 0; c < m->ncategories; c++)
		json_array_append_new(categories, category_json(m, &m->categories[c]));
	set(root, "categories", categories);

	json_t *summary = json_object();
	set(summary, "sources", json_integer((json_int_t)m->nsources));
	set(summary, "sources_reaching_sinks", json_integer((json_int_t)m->nreaching));
	set(summary, "flows", counts_json(m->count));
	set(summary, "translation_units", json_integer(m->report->summary.translation_units));
	set(root, "summary", summary);

	int rc = pf_report_json_dump(out, root);
	json_decref(root);
	return rc;
}
