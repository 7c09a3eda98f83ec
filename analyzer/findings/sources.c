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

#include "findings/findings_int.h"
#include "util/xalloc.h"

static char *dup(const char *s)
{
	return pf_xstrdup(s ? s : "");
}

void pf_report_add_source(struct pf_report *r, const char *category, const char *name,
                          const char *function, const char *how, const char *file, unsigned line,
                          unsigned column)
{
	struct pf_source_decl *s =
	    pf_xgrow((void **)&r->sources, &r->nsources, &r->capsources, sizeof(*r->sources));
	s->category = dup(category);
	s->name = dup(name);
	s->function = dup(function);
	s->how = dup(how);
	s->pos = (struct pf_pos){dup(file), line, column};
}

void pf_report_add_consent(struct pf_report *r, const char *function, const char *purpose)
{
	struct pf_consent_decl *c =
	    pf_xgrow((void **)&r->consents, &r->nconsents, &r->capconsents, sizeof(*r->consents));
	c->function = dup(function);
	c->purpose = dup(purpose);
}

void pf_source_decl_release(void *p)
{
	struct pf_source_decl *s = p;
	free(s->category);
	free(s->name);
	free(s->function);
	free(s->how);
	free(s->pos.file);
}

void pf_consent_decl_release(void *p)
{
	struct pf_consent_decl *c = p;
	free(c->function);
	free(c->purpose);
}

void pf_report_clear_decls(struct pf_report *r)
{
	pf_release_array(r->sources, r->nsources, sizeof(*r->sources), pf_source_decl_release);
	pf_release_array(r->consents, r->nconsents, sizeof(*r->consents), pf_consent_decl_release);
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
