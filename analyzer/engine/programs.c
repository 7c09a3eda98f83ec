/*
 * Programs apart: a compile database may hold several programs (redis's
 * server, redis-cli and redis-benchmark), with several definitions of one
 * name, and the units they share are separate copies at run time: a global
 * redis-cli writes is not the one the server reads. Linked as one, data
 * would flow between them. So the units are split into programs before the
 * engine runs, as a linker would put them together, each program is
 * analyzed on its own, and their findings are merged (findings/merge.c).
 *
 * Without link information, each unit that defines an external `main`
 * roots a program, and a program takes, transitively, the units that define
 * the external functions and globals its units use but do not define. A
 * name defined by one unit resolves there; defined by several, never to
 * another unit with a `main`, else to the definer nearest in the directory
 * tree to the unit that uses it, preferring one that needs no name only
 * another program's `main` unit defines (redis's debug.c, which reads the
 * server's globals, against redisassert.c for redis-cli's assertions); where
 * that still ties, the first in unit order, whose body the link of one
 * program takes. A unit that uses names only one `main` unit defines
 * joins that program. The units no program takes (libraries, tools whose
 * `main` is elsewhere) form one more program with what they use. A database
 * that is one program is analyzed exactly as before.
 */
#include "engine/engine_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* An external name and the units that define it, in unit order. */
struct pf_sym {
	const char *name;
	PF_VEC(int) defs;
};

struct pf_syms {
	PF_VEC(struct pf_sym) v;
	int *slots; /* hash over names: symbol + 1 */
	size_t cap;
};

static uint64_t pf_name_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static void pf_syms_slot(struct pf_syms *t, int id)
{
	size_t i = (size_t)pf_name_hash(t->v.v[id].name) & (t->cap - 1);
	while (t->slots[i])
		i = (i + 1) & (t->cap - 1);
	t->slots[i] = id + 1;
}

/* The symbol of name, made when add is set; -1 for an unknown name. */
static int pf_syms_get(struct pf_syms *t, const char *name, bool add)
{
	if (t->cap) {
		for (size_t i = (size_t)pf_name_hash(name) & (t->cap - 1); t->slots[i];
		     i = (i + 1) & (t->cap - 1))
			if (strcmp(t->v.v[t->slots[i] - 1].name, name) == 0)
				return t->slots[i] - 1;
	}
	if (!add)
		return -1;
	struct pf_sym s = {name, {0}};
	PF_VEC_PUSH(t->v, s);
	int id = (int)t->v.n - 1;
	if (t->v.n * 2 > t->cap) {
		free(t->slots);
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->slots = pf_xcalloc(t->cap, sizeof(*t->slots));
		for (size_t k = 0; k < t->v.n; k++)
			pf_syms_slot(t, (int)k);
	} else {
		pf_syms_slot(t, id);
	}
	return id;
}

static void pf_syms_define(struct pf_syms *t, const char *name, int tu)
{
	int id = pf_syms_get(t, name, true); /* may move t->v */
	struct pf_sym *s = &t->v.v[id];
	if (!s->defs.n || s->defs.v[s->defs.n - 1] != tu)
		PF_VEC_PUSH(s->defs, tu);
}

/* What the partition knows of one unit. */
struct pf_unit_links {
	bool main;
	PF_VEC(int) uses; /* symbols it uses and some unit defines, each once */
};

struct pf_partition {
	struct pf_ir_tu **tus;
	size_t ntus;
	struct pf_syms syms;
	struct pf_unit_links *units;
	bool *ambiguous; /* per symbol: the directory did not decide */
	struct pf_engine_programs out;
};

/* External names: statics' keys carry their file ("name@file"). */
static bool pf_external(const char *key)
{
	return key && *key && !strchr(key, '@');
}

static void pf_partition_defs(struct pf_partition *pt)
{
	for (size_t t = 0; t < pt->ntus; t++) {
		const struct pf_ir_tu *tu = pt->tus[t];
		for (size_t i = 0; i < tu->nfuncs; i++) {
			const struct pf_ir_fdecl *d = tu->funcs[i]->decl;
			if (d->is_static || !pf_external(d->key))
				continue;
			pf_syms_define(&pt->syms, d->key, (int)t);
			if (strcmp(d->key, "main") == 0)
				pt->units[t].main = true;
		}
		for (size_t i = 0; i < tu->nglobals; i++) {
			const struct pf_ir_global *g = tu->globals[i];
			if (g->defined && !g->is_static && pf_external(g->key))
				pf_syms_define(&pt->syms, g->key, (int)t);
		}
	}
}

/* A use of name by unit t, when some unit defines it. */
static void pf_partition_use(struct pf_partition *pt, int t, const char *name, int *mark)
{
	if (!pf_external(name))
		return;
	int s = pf_syms_get(&pt->syms, name, false);
	if (s < 0 || mark[s] == t + 1)
		return;
	mark[s] = t + 1;
	PF_VEC_PUSH(pt->units[t].uses, s);
}

/* The names a unit uses are the external functions and globals lowering
 * saw it name (tu->refs: bodies and every global's initializer, kept or
 * not), with the functions whose address it takes and the globals its
 * lowered code reads or writes. Function declarations are not uses: an
 * annotated prototype in a header is lowered in every unit including it. */
static void pf_partition_uses(struct pf_partition *pt)
{
	int *mark = pf_xcalloc(pt->syms.v.n + 1, sizeof(*mark));
	for (size_t t = 0; t < pt->ntus; t++) {
		const struct pf_ir_tu *tu = pt->tus[t];
		for (size_t i = 0; i < tu->nrefs; i++)
			pf_partition_use(pt, (int)t, tu->refs[i], mark);
		for (size_t i = 0; i < tu->naddr_taken; i++)
			pf_partition_use(pt, (int)t, tu->addr_taken[i], mark);
		for (size_t i = 0; i < tu->nglobal_refs; i++)
			pf_partition_use(pt, (int)t, tu->global_refs[i]->key, mark);
	}
	free(mark);
}

/* How many leading folders the files of units a and b share. */
static size_t pf_common_dirs(const char *a, const char *b)
{
	size_t n = 0;
	for (size_t i = 0; a[i] && a[i] == b[i]; i++)
		if (a[i] == '/')
			n++;
	return n;
}

struct pf_growing {
	PF_VEC(int) units; /* in the order taken */
	bool *in;          /* per unit */
};

static void pf_take(struct pf_growing *g, int t)
{
	if (g->in[t])
		return;
	g->in[t] = true;
	PF_VEC_PUSH(g->units, t);
}

/* Whether unit d can be linked into the program rooted at root (-1: none)
 * without an undefined reference: every name it uses that only units with
 * a `main` define, root defines. Only d's own uses are looked at. */
static bool pf_linkable(const struct pf_partition *pt, int d, int root)
{
	const struct pf_unit_links *ul = &pt->units[d];
	for (size_t k = 0; k < ul->uses.n; k++) {
		const struct pf_sym *sym = &pt->syms.v.v[ul->uses.v[k]];
		bool other = false, ours = false;
		for (size_t i = 0; i < sym->defs.n; i++) {
			int t = sym->defs.v[i];
			if (t == d || !pt->units[t].main)
				other = true;
			else if (t == root)
				ours = true;
		}
		if (!other && !ours)
			return false;
	}
	return true;
}

/* The unit whose definition of sym a link of the program rooted at root
 * would take for a use in unit u, or -1: never another program's main;
 * one that can be linked without another main's names where there is one;
 * the nearest in the folders to u; the first in unit order (the body the
 * link of one program takes) when that still ties, counted as undecided. */
static int pf_definer(struct pf_partition *pt, int s, int u, int root)
{
	const struct pf_sym *sym = &pt->syms.v.v[s];
	for (int pass = 0; pass < 2; pass++) {
		int best = -1;
		size_t best_dirs = 0, nbest = 0;
		for (size_t i = 0; i < sym->defs.n; i++) {
			int d = sym->defs.v[i];
			if (pt->units[d].main || (pass == 0 && !pf_linkable(pt, d, root)))
				continue;
			size_t c = pf_common_dirs(pt->tus[u]->file, pt->tus[d]->file);
			if (best < 0 || c > best_dirs) {
				best = d;
				best_dirs = c;
				nbest = 1;
			} else if (c == best_dirs) {
				nbest++;
			}
		}
		if (best >= 0) {
			if (nbest > 1)
				pt->ambiguous[s] = true;
			return best;
		}
	}
	return -1;
}

/* Takes into g, for each name its unit u uses, the definer a link would
 * take, unless g holds a definer already. */
static void pf_resolve(struct pf_partition *pt, struct pf_growing *g, int u, int root)
{
	const struct pf_unit_links *ul = &pt->units[u];
	for (size_t k = 0; k < ul->uses.n; k++) {
		int s = ul->uses.v[k];
		const struct pf_sym *sym = &pt->syms.v.v[s];
		bool have = false;
		for (size_t i = 0; i < sym->defs.n && !have; i++)
			have = g->in[sym->defs.v[i]];
		int d = have ? -1 : pf_definer(pt, s, u, root);
		if (d >= 0)
			pf_take(g, d);
	}
}

/* The one unit with a `main` that defines every name of its kind unit t
 * uses (redis's server.c for a unit that reads `server`): t can link only
 * into that program, whether or not its code reaches t. -1 for none, -2
 * when t needs names of two such units. */
static int pf_needed_main(const struct pf_partition *pt, int t)
{
	int root = -1;
	const struct pf_unit_links *ul = &pt->units[t];
	for (size_t k = 0; k < ul->uses.n; k++) {
		const struct pf_sym *sym = &pt->syms.v.v[ul->uses.v[k]];
		bool main_only = true;
		for (size_t i = 0; i < sym->defs.n && main_only; i++)
			main_only = pt->units[sym->defs.v[i]].main && sym->defs.v[i] != t;
		if (!main_only)
			continue;
		if (sym->defs.n > 1 || (root >= 0 && root != sym->defs.v[0]))
			return -2;
		root = sym->defs.v[0];
	}
	return root;
}

static int pf_int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Closes g over the names its units use, and records it as a program
 * whose units keep their order in tus. */
static void pf_close(struct pf_partition *pt, struct pf_growing *g, int root, bool *taken)
{
	size_t nleft = g->units.n;
	for (size_t i = 0; i < g->units.n; i++)
		pf_resolve(pt, g, g->units.v[i], root);
	struct pf_engine_program p = {root, pf_xcalloc(g->units.n + 1, sizeof(int)), g->units.n,
	                              root < 0 ? nleft : 0};
	memcpy(p.units, g->units.v, g->units.n * sizeof(int));
	qsort(p.units, p.nunits, sizeof(int), pf_int_cmp);
	for (size_t i = 0; i < p.nunits; i++)
		taken[p.units[i]] = true;
	PF_VEC_PUSH(pt->out, p);
	memset(g->in, 0, pt->ntus * sizeof(*g->in));
	g->units.n = 0;
}

void pf_engine_partition(struct pf_engine_programs *out, struct pf_ir_tu **tus, size_t ntus)
{
	struct pf_partition pt = {.tus = tus, .ntus = ntus};
	pt.units = pf_xcalloc(ntus + 1, sizeof(*pt.units));
	pf_partition_defs(&pt);
	pf_partition_uses(&pt);
	pt.ambiguous = pf_xcalloc(pt.syms.v.n + 1, sizeof(*pt.ambiguous));
	bool *taken = pf_xcalloc(ntus + 1, sizeof(*taken));
	struct pf_growing g = {{0}, pf_xcalloc(ntus + 1, sizeof(bool))};
	for (size_t t = 0; t < ntus; t++) {
		if (!pt.units[t].main)
			continue;
		pf_take(&g, (int)t);
		for (size_t u = 0; u < ntus; u++)
			if (!pt.units[u].main && pf_needed_main(&pt, (int)u) == (int)t)
				pf_take(&g, (int)u);
		pf_close(&pt, &g, (int)t, taken);
	}
	for (size_t t = 0; t < ntus; t++)
		if (!taken[t])
			pf_take(&g, (int)t);
	if (g.units.n)
		pf_close(&pt, &g, -1, taken);
	for (size_t s = 0; s < pt.syms.v.n; s++) {
		pt.out.several += pt.syms.v.v[s].defs.n > 1;
		pt.out.undecided += pt.ambiguous[s];
	}
	*out = pt.out;
	for (size_t s = 0; s < pt.syms.v.n; s++)
		PF_VEC_FREE(pt.syms.v.v[s].defs);
	PF_VEC_FREE(pt.syms.v);
	free(pt.syms.slots);
	for (size_t t = 0; t < ntus; t++)
		PF_VEC_FREE(pt.units[t].uses);
	free(pt.units);
	free(pt.ambiguous);
	free(taken);
	free(g.in);
	PF_VEC_FREE(g.units);
}

void pf_engine_programs_free(struct pf_engine_programs *ps)
{
	for (size_t i = 0; i < ps->n; i++)
		free(ps->v[i].units);
	PF_VEC_FREE(*ps);
	memset(ps, 0, sizeof(*ps));
}

static void pf_explain_programs(FILE *f, const struct pf_engine_programs *ps, struct pf_ir_tu **tus)
{
	fprintf(f, "programs: %zu\n", ps->n);
	for (size_t i = 0; i < ps->n; i++) {
		const struct pf_engine_program *p = &ps->v[i];
		if (p->root >= 0)
			fprintf(f, "  %s: %zu unit%s\n", tus[p->root]->file, p->nunits,
			        p->nunits == 1 ? "" : "s");
		else
			fprintf(
			    f,
			    "  units no main reaches, with the units they use (one program): %zu "
			    "unit%s, %zu of them taken by no other\n",
			    p->nunits, p->nunits == 1 ? "" : "s", p->nleft);
	}
	fprintf(f,
	        "names defined by several units: %zu (%zu where the nearest folder did not decide: "
	        "the first unit's taken)\n",
	        ps->several, ps->undecided);
}

int pf_engine_run_programs(struct pf_ir_tu **tus, size_t ntus, const struct pf_engine_options *opts,
                           struct pf_report *report)
{
	struct pf_engine_programs ps;
	pf_engine_partition(&ps, tus, ntus);
	if (opts->explain)
		pf_explain_programs(opts->explain, &ps, tus);
	if (ps.n <= 1) {
		pf_engine_programs_free(&ps);
		return pf_engine_run(tus, ntus, opts, report);
	}
	struct pf_ir_tu **sub = pf_xcalloc(ntus + 1, sizeof(*sub));
	struct pf_report unmatched; /* the unmatched-rule warnings every program gave */
	pf_report_init(&unmatched);
	bool *counted = NULL;
	unsigned functions = 0, opaque = 0;
	for (size_t i = 0; i < ps.n; i++) {
		const struct pf_engine_program *p = &ps.v[i];
		for (size_t k = 0; k < p->nunits; k++)
			sub[k] = tus[p->units[k]];
		if (opts->explain)
			fprintf(opts->explain, "program %s:\n",
			        p->root >= 0 ? tus[p->root]->file : "of the units no main reaches");
		struct pf_report part;
		pf_report_init(&part);
		pf_engine_run(sub, p->nunits, opts, &part);
		if (i == 0) {
			for (size_t k = 0; k < part.ndiagnostics; k++) {
				const struct pf_diagnostic *d = &part.diagnostics[k];
				if (strcmp(d->rule, "unmatched-rule") == 0)
					pf_report_add_diagnostic(&unmatched, d->rule, d->severity,
					                         d->pos.file, d->pos.line,
					                         d->pos.column, d->message);
			}
		} else {
			pf_report_keep_common(&unmatched, "unmatched-rule", &part);
		}
		pf_report_merge(report, &part);
		if (part.summary.opaque_calls > opaque) /* shared calls counted once */
			opaque = part.summary.opaque_calls;
		pf_report_free(&part);
	}
	/* a function is each body a program's link takes: the first unit's
	 * of a name in that program */
	size_t nbodies = 0;
	size_t *first = pf_xcalloc(ntus + 1, sizeof(*first));
	for (size_t t = 0; t < ntus; t++) {
		first[t] = nbodies;
		nbodies += tus[t]->nfuncs;
	}
	counted = pf_xcalloc(nbodies + 1, sizeof(*counted));
	for (size_t i = 0; i < ps.n; i++) {
		const struct pf_engine_program *p = &ps.v[i];
		struct pf_syms seen = {0};
		for (size_t k = 0; k < p->nunits; k++) {
			int t = p->units[k];
			for (size_t f = 0; f < tus[t]->nfuncs; f++) {
				size_t before = seen.v.n;
				pf_syms_get(&seen, tus[t]->funcs[f]->decl->key, true);
				if (seen.v.n > before && !counted[first[t] + f]) {
					counted[first[t] + f] = true;
					functions++;
				}
			}
		}
		for (size_t s = 0; s < seen.v.n; s++)
			PF_VEC_FREE(seen.v.v[s].defs);
		PF_VEC_FREE(seen.v);
		free(seen.slots);
	}
	/* an entry one program matches is matched in the database */
	pf_report_keep_common(report, "unmatched-rule", &unmatched);
	pf_report_free(&unmatched);
	report->summary.functions = functions;
	report->summary.opaque_calls = opaque;
	free(first);
	free(counted);
	free(sub);
	pf_engine_programs_free(&ps);
	return 0;
}
