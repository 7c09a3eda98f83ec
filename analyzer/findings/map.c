/*
 * Builds the data map from a report: findings and accepted flows grouped
 * under the source they leave, plus every source that reaches nothing. The
 * engine already did the work; this is bookkeeping, kept apart from the
 * reporters so that the five formats of `piiflow map` print one model.
 */
#include "findings/map.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

const char *pf_map_status_name(enum pf_map_status s)
{
	static const char *const names[] = {"reported", "consent", "suppressed", "baselined"};
	return (unsigned)s < PF_MAP_NSTATUS ? names[s] : "reported";
}

const char *pf_map_data_use(const struct pf_map_data_uses *uses, const char *purpose)
{
	for (size_t i = 0; uses && i < uses->n; i++)
		if (strcmp(uses->purposes[i], purpose) == 0)
			return uses->uses[i];
	if (strcmp(purpose, "advertising") == 0)
		return "marketing.advertising";
	if (strcmp(purpose, "marketing") == 0)
		return "marketing";
	if (strcmp(purpose, "analytics") == 0)
		return "analytics";
	return NULL;
}

static enum pf_map_status status_of(const struct pf_finding *f)
{
	if (!f->accepted_by)
		return PF_MAP_REPORTED;
	if (strcmp(f->accepted_by, "consent") == 0)
		return PF_MAP_CONSENT;
	if (strcmp(f->accepted_by, "suppression") == 0)
		return PF_MAP_SUPPRESSED;
	return PF_MAP_BASELINED;
}

static int pos_cmp(const struct pf_pos *a, const struct pf_pos *b)
{
	int c = strcmp(a->file, b->file);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->column != b->column)
		return a->column < b->column ? -1 : 1;
	return 0;
}

static int source_cmp(const void *pa, const void *pb)
{
	const struct pf_map_source *a = pa, *b = pb;
	int c = pos_cmp(a->pos, b->pos);
	if (c || (c = strcmp(a->name, b->name)) || (c = strcmp(a->category, b->category)) ||
	    (c = strcmp(a->function, b->function)))
		return c;
	return strcmp(a->how, b->how);
}

static int flow_cmp(const void *pa, const void *pb)
{
	const struct pf_map_flow *a = pa, *b = pb;
	const struct pf_finding *x = a->finding, *y = b->finding;
	int c = strcmp(x->purpose, y->purpose);
	if (c || (c = pos_cmp(&x->sink, &y->sink)) || (c = strcmp(x->sink_callee, y->sink_callee)))
		return c;
	if (x->sink_argument != y->sink_argument)
		return x->sink_argument < y->sink_argument ? -1 : 1;
	if (a->status != b->status)
		return a->status < b->status ? -1 : 1;
	return strcmp(x->fingerprint, y->fingerprint);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A source of a finding, added to the map when the report's list lacks it
 * (a report read back or filtered). */
static struct pf_map_source *source_of(struct pf_map *m, const struct pf_map_source *key,
                                       size_t *cap)
{
	for (size_t i = 0; i < m->nsources; i++) {
		struct pf_map_source *s = &m->sources[i];
		if (pos_cmp(s->pos, key->pos) == 0 && strcmp(s->name, key->name) == 0 &&
		    strcmp(s->category, key->category) == 0)
			return s;
	}
	if (m->nsources == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		m->sources = pf_xrealloc(m->sources, *cap * sizeof(*m->sources));
	}
	m->sources[m->nsources] = *key;
	return &m->sources[m->nsources++];
}

/* The flow of a finding, for each source that reaches its sink. */
static void add_flow(struct pf_map *m, const struct pf_finding *f, const struct pf_map_data_uses *u,
                     size_t *cap)
{
	size_t n = f->nsources ? f->nsources : 1;
	for (size_t i = 0; i < n; i++) {
		struct pf_map_source key;
		if (f->nsources) {
			const struct pf_finding_source *fs = &f->sources[i];
			key = (struct pf_map_source){.category = fs->category,
			                             .name = fs->name,
			                             .function = fs->function,
			                             .how = fs->how ? fs->how
			                                            : "is declared personal data",
			                             .pos = &fs->pos};
		} else {
			key = (struct pf_map_source){
			    .category = f->category,
			    .name = f->source_name,
			    .function = f->source_function,
			    .how = f->source_how ? f->source_how : "is declared personal data",
			    .pos = &f->source};
		}
		struct pf_map_source *s = source_of(m, &key, cap);
		s->flows = pf_xrealloc(s->flows, (s->nflows + 1) * sizeof(*s->flows));
		s->flows[s->nflows++] =
		    (struct pf_map_flow){.finding = f,
		                         .status = status_of(f),
		                         .data_use = pf_map_data_use(u, f->purpose)};
	}
}

static size_t purpose_index(struct pf_map *m, const char *purpose)
{
	for (size_t i = 0; i < m->npurposes; i++)
		if (strcmp(m->purposes[i].purpose, purpose) == 0)
			return i;
	return 0;
}

/* Purposes and categories, from the sources and their flows. */
static void tally(struct pf_map *m, const struct pf_map_data_uses *u)
{
	const char **names = pf_xcalloc(1, sizeof(*names));
	size_t n = 0;
	const char **cats = pf_xcalloc(m->nsources + 1, sizeof(*cats));
	size_t ncats = 0;
	for (size_t i = 0; i < m->nsources; i++) {
		cats[ncats++] = m->sources[i].category;
		for (size_t j = 0; j < m->sources[i].nflows; j++) {
			names = pf_xrealloc(names, (n + 1) * sizeof(*names));
			names[n++] = m->sources[i].flows[j].finding->purpose;
		}
	}
	qsort(names, n, sizeof(*names), str_cmp);
	qsort(cats, ncats, sizeof(*cats), str_cmp);
	m->purposes = pf_xcalloc(n + 1, sizeof(*m->purposes));
	for (size_t i = 0; i < n; i++)
		if (i == 0 || strcmp(names[i], names[i - 1]) != 0)
			m->purposes[m->npurposes++] = (struct pf_map_purpose){
			    .purpose = names[i], .data_use = pf_map_data_use(u, names[i])};
	m->categories = pf_xcalloc(ncats + 1, sizeof(*m->categories));
	for (size_t i = 0; i < ncats; i++)
		if (i == 0 || strcmp(cats[i], cats[i - 1]) != 0) {
			struct pf_map_category *c = &m->categories[m->ncategories++];
			c->category = cats[i];
			c->count = pf_xcalloc(m->npurposes + 1, sizeof(*c->count));
		}
	for (size_t i = 0; i < m->nsources; i++) {
		struct pf_map_source *s = &m->sources[i];
		struct pf_map_category *c = NULL;
		for (size_t k = 0; k < m->ncategories && !c; k++)
			if (strcmp(m->categories[k].category, s->category) == 0)
				c = &m->categories[k];
		c->nsources++;
		m->nreaching += s->nflows > 0;
		for (size_t j = 0; j < s->nflows; j++) {
			struct pf_map_flow *f = &s->flows[j];
			size_t p = purpose_index(m, f->finding->purpose);
			struct pf_map_purpose *mp = &m->purposes[p];
			c->count[p][f->status]++;
			mp->count[f->status]++;
			m->count[f->status]++;
			bool seen = false;
			for (size_t k = 0; k < mp->ncategories && !seen; k++)
				seen = strcmp(mp->categories[k], s->category) == 0;
			if (!seen) {
				mp->categories =
				    pf_xrealloc(mp->categories,
				                (mp->ncategories + 1) * sizeof(*mp->categories));
				mp->categories[mp->ncategories++] = s->category;
			}
		}
	}
	for (size_t p = 0; p < m->npurposes; p++)
		if (m->purposes[p].ncategories > 1)
			qsort(m->purposes[p].categories, m->purposes[p].ncategories,
			      sizeof(const char *), str_cmp);
	free(names);
	free(cats);
}

void pf_map_build(struct pf_map *m, const struct pf_report *r, const struct pf_map_data_uses *u)
{
	memset(m, 0, sizeof(*m));
	m->report = r;
	m->consents = r->consents;
	m->nconsents = r->nconsents;
	size_t cap = r->nsources + 1;
	m->sources = pf_xcalloc(cap, sizeof(*m->sources));
	for (size_t i = 0; i < r->nsources; i++) {
		const struct pf_source_decl *d = &r->sources[i];
		m->sources[m->nsources++] = (struct pf_map_source){.category = d->category,
		                                                   .name = d->name,
		                                                   .function = d->function,
		                                                   .how = d->how,
		                                                   .pos = &d->pos};
	}
	for (size_t i = 0; i < r->nfindings; i++)
		add_flow(m, &r->findings[i], u, &cap);
	for (size_t i = 0; i < r->naccepted; i++)
		add_flow(m, &r->accepted[i], u, &cap);
	if (m->nsources > 1)
		qsort(m->sources, m->nsources, sizeof(*m->sources), source_cmp);
	for (size_t i = 0; i < m->nsources; i++)
		if (m->sources[i].nflows > 1)
			qsort(m->sources[i].flows, m->sources[i].nflows, sizeof(struct pf_map_flow),
			      flow_cmp);
	tally(m, u);
}

void pf_map_free(struct pf_map *m)
{
	for (size_t i = 0; i < m->nsources; i++)
		free(m->sources[i].flows);
	for (size_t i = 0; i < m->npurposes; i++)
		free(m->purposes[i].categories);
	for (size_t i = 0; i < m->ncategories; i++)
		free(m->categories[i].count);
	free(m->sources);
	free(m->purposes);
	free(m->categories);
	memset(m, 0, sizeof(*m));
}

void pf_map_consent_functions(const struct pf_map *m, const char *purpose, char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < m->nconsents; i++) {
		if (strcmp(m->consents[i].purpose, purpose) != 0)
			continue;
		int w = snprintf(buf + len, size - len, "%s%s", len ? ", " : "",
		                 m->consents[i].function);
		if (w < 0 || (size_t)w >= size - len)
			break;
		len += (size_t)w;
	}
}

void pf_map_flow_consent(const struct pf_map *m, const struct pf_map_flow *fl, char *buf,
                         size_t size)
{
	const struct pf_finding *f = fl->finding;
	if (f->consent_function)
		snprintf(buf, size, "%s", f->consent_function);
	else
		pf_map_consent_functions(m, f->purpose, buf, size);
}
