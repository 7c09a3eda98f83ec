/*
 * The program's declarations that a data map lists beside the flows: every
 * personal-data source (whether or not it reaches a sink) and every consent
 * function. The engine knows them; it hands them over here, as plain
 * strings, so that `piiflow map` reads them from the report like every other
 * reporter reads findings, with nothing of the engine's model leaking out.
 */
#include "findings/findings.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static char *dup(const char *s)
{
	return pf_xstrdup(s ? s : "");
}

void pf_report_add_source(struct pf_report *r, const char *category, const char *name,
                          const char *function, const char *how, const char *file, unsigned line,
                          unsigned column)
{
	if (r->nsources == r->capsources) {
		r->capsources = r->capsources ? r->capsources * 2 : 16;
		r->sources = pf_xrealloc(r->sources, r->capsources * sizeof(*r->sources));
	}
	struct pf_source_decl *s = &r->sources[r->nsources++];
	s->category = dup(category);
	s->name = dup(name);
	s->function = dup(function);
	s->how = dup(how);
	s->pos = (struct pf_pos){dup(file), line, column};
}

void pf_report_add_consent(struct pf_report *r, const char *function, const char *purpose)
{
	if (r->nconsents == r->capconsents) {
		r->capconsents = r->capconsents ? r->capconsents * 2 : 8;
		r->consents = pf_xrealloc(r->consents, r->capconsents * sizeof(*r->consents));
	}
	struct pf_consent_decl *c = &r->consents[r->nconsents++];
	c->function = dup(function);
	c->purpose = dup(purpose);
}

static void source_release(struct pf_source_decl *s)
{
	free(s->category);
	free(s->name);
	free(s->function);
	free(s->how);
	free(s->pos.file);
}

static void consent_release(struct pf_consent_decl *c)
{
	free(c->function);
	free(c->purpose);
}

void pf_report_clear_decls(struct pf_report *r)
{
	for (size_t i = 0; i < r->nsources; i++)
		source_release(&r->sources[i]);
	for (size_t i = 0; i < r->nconsents; i++)
		consent_release(&r->consents[i]);
	free(r->sources);
	free(r->consents);
	r->sources = NULL;
	r->consents = NULL;
	r->nsources = r->capsources = r->nconsents = r->capconsents = 0;
}

void pf_report_move_decls(struct pf_report *dst, struct pf_report *src)
{
	pf_report_clear_decls(dst);
	dst->sources = src->sources;
	dst->nsources = src->nsources;
	dst->capsources = src->capsources;
	dst->consents = src->consents;
	dst->nconsents = src->nconsents;
	dst->capconsents = src->capconsents;
	src->sources = NULL;
	src->consents = NULL;
	src->nsources = src->capsources = src->nconsents = src->capconsents = 0;
}

static int source_cmp(const void *a, const void *b)
{
	const struct pf_source_decl *x = a, *y = b;
	int c = strcmp(x->pos.file, y->pos.file);
	if (c)
		return c;
	if (x->pos.line != y->pos.line)
		return x->pos.line < y->pos.line ? -1 : 1;
	if (x->pos.column != y->pos.column)
		return x->pos.column < y->pos.column ? -1 : 1;
	if ((c = strcmp(x->name, y->name)) || (c = strcmp(x->category, y->category)) ||
	    (c = strcmp(x->function, y->function)))
		return c;
	return strcmp(x->how, y->how);
}

static int consent_cmp(const void *a, const void *b)
{
	const struct pf_consent_decl *x = a, *y = b;
	int c = strcmp(x->purpose, y->purpose);
	return c ? c : strcmp(x->function, y->function);
}

void pf_report_sort_decls(struct pf_report *r)
{
	if (r->nsources > 1) {
		qsort(r->sources, r->nsources, sizeof(*r->sources), source_cmp);
		size_t kept = 1;
		for (size_t i = 1; i < r->nsources; i++) {
			if (source_cmp(&r->sources[kept - 1], &r->sources[i]) == 0)
				source_release(&r->sources[i]);
			else
				r->sources[kept++] = r->sources[i];
		}
		r->nsources = kept;
	}
	if (r->nconsents > 1) {
		qsort(r->consents, r->nconsents, sizeof(*r->consents), consent_cmp);
		size_t kept = 1;
		for (size_t i = 1; i < r->nconsents; i++) {
			if (consent_cmp(&r->consents[kept - 1], &r->consents[i]) == 0)
				consent_release(&r->consents[i]);
			else
				r->consents[kept++] = r->consents[i];
		}
		r->nconsents = kept;
	}
}
