/*
 * Collects the suggestions of `piiflow discover` from the inventory of every
 * translation unit: one per declaration (a header's struct is seen by every
 * unit that includes it), none for what an annotation or a rules entry
 * already marks anywhere in the program. The IR does not know the rules:
 * whether an entry names a field or global is checked here.
 */
#include "discover/discover.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* What names one declaration across units: kind, scope and name. Two
 * declarations of a global or function (the header's and the definition)
 * are one; statics of the same name in two files are told apart by file
 * only where they lie. */
static int identity_cmp(const struct pf_ir_decl *a, const struct pf_ir_decl *b)
{
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	int c = strcmp(a->scope, b->scope);
	return c ? c : strcmp(a->name, b->name);
}

static int pos_cmp(const struct pf_ir_pos *a, const struct pf_ir_pos *b)
{
	int c = strcmp(a->file ? a->file : "", b->file ? b->file : "");
	if (!c)
		c = (a->line > b->line) - (a->line < b->line);
	return c ? c : (a->column > b->column) - (a->column < b->column);
}

/* A declaration and whether an annotation or a rules entry marks it. */
struct pf_marked_decl {
	const struct pf_ir_decl *decl;
	bool marked;
};

static bool pf_rules_mark(const struct pf_rules *r, const struct pf_ir_decl *d)
{
	if (!r)
		return false;
	if (d->kind == PF_D_FIELD)
		return pf_rules_find_record_field(r, d->record.tag, d->record.type, d->name) !=
		       NULL;
	return d->kind == PF_D_GLOBAL && pf_rules_find_variable_source(r, d->name) != NULL;
}

static int decl_ptr_cmp(const void *pa, const void *pb)
{
	const struct pf_marked_decl *a = pa, *b = pb;
	int c = identity_cmp(a->decl, b->decl);
	if (c)
		return c;
	if (a->marked != b->marked)
		return a->marked ? -1 : 1; /* marked first in each group */
	return pos_cmp(&a->decl->pos, &b->decl->pos);
}

static int suggestion_cmp(const void *pa, const void *pb)
{
	const struct pf_suggestion *a = pa, *b = pb;
	int c = pos_cmp(&a->decl->pos, &b->decl->pos);
	return c ? c : identity_cmp(a->decl, b->decl);
}

void pf_discover_run(struct pf_discovery *d, struct pf_ir_tu **tus, size_t ntus,
                     const struct pf_rules *rules)
{
	memset(d, 0, sizeof(*d));
	size_t total = 0;
	for (size_t t = 0; t < ntus; t++)
		total += tus[t]->ndecls;
	struct pf_marked_decl *all = pf_xcalloc(total + 1, sizeof(*all));
	size_t n = 0;
	for (size_t t = 0; t < ntus; t++)
		for (size_t i = 0; i < tus[t]->ndecls; i++) {
			const struct pf_ir_decl *x = &tus[t]->decls[i];
			all[n++] =
			    (struct pf_marked_decl){x, x->annotated || pf_rules_mark(rules, x)};
		}
	qsort(all, n, sizeof(*all), decl_ptr_cmp);
	d->v = pf_xcalloc(n + 1, sizeof(*d->v));
	for (size_t i = 0; i < n;) {
		/* one group: the same kind, scope and name */
		size_t j = i + 1;
		while (j < n && identity_cmp(all[i].decl, all[j].decl) == 0)
			j++;
		/* parameters are per function declaration: a group spans prototypes
		 * of one function, annotated on one of them is enough */
		if (all[i].marked) {
			d->annotated++;
			i = j;
			continue;
		}
		for (size_t k = i; k < j; k++) {
			if (k > i && pos_cmp(&all[k].decl->pos, &all[k - 1].decl->pos) == 0)
				continue; /* the same declaration seen by another unit */
			d->declarations++;
			const struct pf_ir_decl *x = all[k].decl;
			struct pf_guess g;
			enum pf_decl_role role =
			    x->kind == PF_D_FUNCTION ? PF_ROLE_FUNCTION : PF_ROLE_DATA;
			if (pf_discover_classify(x->name, x->scope, role, x->base_type, x->scalar,
			                         &g))
				d->v[d->n++] = (struct pf_suggestion){x, g};
		}
		i = j;
	}
	free(all);
	qsort(d->v, d->n, sizeof(*d->v), suggestion_cmp);
}

void pf_discover_free(struct pf_discovery *d)
{
	free(d->v);
	memset(d, 0, sizeof(*d));
}
