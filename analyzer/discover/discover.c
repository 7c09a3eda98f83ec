/*
 * Collects the suggestions of `piiflow discover` from the inventory of every
 * translation unit: one per declaration (a header's struct is seen by every
 * unit that includes it), none for what an annotation or a rules entry
 * already marks anywhere in the program.
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
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->column != b->column)
		return a->column < b->column ? -1 : 1;
	return 0;
}

static int decl_ptr_cmp(const void *pa, const void *pb)
{
	const struct pf_ir_decl *a = *(const struct pf_ir_decl *const *)pa;
	const struct pf_ir_decl *b = *(const struct pf_ir_decl *const *)pb;
	int c = identity_cmp(a, b);
	if (c)
		return c;
	if (a->annotated != b->annotated)
		return a->annotated ? -1 : 1; /* annotated first in each group */
	return pos_cmp(&a->pos, &b->pos);
}

static int suggestion_cmp(const void *pa, const void *pb)
{
	const struct pf_suggestion *a = pa, *b = pb;
	int c = pos_cmp(&a->decl->pos, &b->decl->pos);
	return c ? c : identity_cmp(a->decl, b->decl);
}

void pf_discover_run(struct pf_discovery *d, struct pf_ir_tu **tus, size_t ntus)
{
	memset(d, 0, sizeof(*d));
	size_t total = 0;
	for (size_t t = 0; t < ntus; t++)
		total += tus[t]->ndecls;
	const struct pf_ir_decl **all = pf_xcalloc(total + 1, sizeof(*all));
	size_t n = 0;
	for (size_t t = 0; t < ntus; t++)
		for (size_t i = 0; i < tus[t]->ndecls; i++)
			all[n++] = &tus[t]->decls[i];
	qsort(all, n, sizeof(*all), decl_ptr_cmp);
	d->v = pf_xcalloc(n + 1, sizeof(*d->v));
	for (size_t i = 0; i < n;) {
		/* one group: the same kind, scope and name */
		size_t j = i + 1;
		while (j < n && identity_cmp(all[i], all[j]) == 0)
			j++;
		bool marked = all[i]->annotated;
		/* parameters are per function declaration: a group spans prototypes
		 * of one function, annotated on one of them is enough */
		if (marked) {
			d->annotated++;
			i = j;
			continue;
		}
		for (size_t k = i; k < j; k++) {
			if (k > i && pos_cmp(&all[k]->pos, &all[k - 1]->pos) == 0)
				continue; /* the same declaration seen by another unit */
			d->declarations++;
			const struct pf_ir_decl *x = all[k];
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
