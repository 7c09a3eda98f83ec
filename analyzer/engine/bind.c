/*
 * Binding the rules to the program: a rules file is written against a
 * library's header, and a position that header does not have ("args": [2]
 * for a two-parameter vendor_log(tag, msg)) would otherwise match nothing
 * and report nothing, silently. Each position of a function entry is
 * checked against the first prototype the program declares for that name,
 * and parameters written by name are resolved to their index there. An
 * entry whose function the program never declares is left as it is: it
 * applies to no call.
 */
#include "engine/engine.h"

#include <stdio.h>
#include <string.h>

#include "util/intern.h"
#include "util/ptrmap.h"

struct pf_binder {
	struct pf_intern names;
	struct pf_ptrmap decls; /* interned name -> first prototype */
	struct pf_error *err;
};

/* A prototype beats a declaration without one, and one that names all of
 * its parameters beats one that does not. */
static int pf_decl_score(const struct pf_ir_fdecl *d)
{
	if (d->type && d->type->nparams < 0)
		return 0;
	for (int j = 0; j < d->nparams; j++)
		if (!d->param_names || !d->param_names[j] || !d->param_names[j][0])
			return 1;
	return 2;
}

static const struct pf_ir_fdecl *pf_decl_of(struct pf_binder *b, const char *name)
{
	return pf_ptrmap_get(&b->decls, pf_intern(&b->names, name));
}

/* "vendor_log(0: tag, 1: msg)", with "..." when variadic. */
static void pf_describe_params(const struct pf_ir_fdecl *d, char *buf, size_t size)
{
	size_t o = (size_t)snprintf(buf, size, "%s(", d->name);
	for (int j = 0; j < d->nparams && o < size; j++) {
		const char *n = d->param_names && d->param_names[j] && d->param_names[j][0]
		                    ? d->param_names[j]
		                    : "unnamed";
		o += (size_t)snprintf(buf + o, size - o, "%s%d: %s", j ? ", " : "", j, n);
	}
	if (o < size)
		snprintf(buf + o, size - o, "%s%s)", d->variadic ? (d->nparams ? ", " : "") : "",
		         d->variadic ? "..." : (d->nparams ? "" : "void"));
}

static int pf_bind_fail(struct pf_binder *b, const struct pf_rule_origin *o, const char *where,
                        const char *msg)
{
	struct pf_error *e = b->err;
	pf_error_begin(e, o->file);
	snprintf(e->json_path, sizeof(e->json_path), "%s%s", o->json_path ? o->json_path : "",
	         where);
	int line = 0, column = 0;
	if (pf_rules_origin_position(o, &line, &column) != 0)
		line = column = 0;
	return pf_error_at(e, line, column, "%s", msg);
}

/* One position of an entry for function fn; where is its JSON path below
 * the entry (".args[1]"). */
static int pf_bind_pos(struct pf_binder *b, const struct pf_rule_origin *o, const char *fn,
                       const char *where, struct pf_argpos *pos)
{
	if (pos->kind != PF_ARG_INDEX)
		return 0;
	const struct pf_ir_fdecl *d = pf_decl_of(b, fn);
	if (!d || (d->type && d->type->nparams < 0))
		return 0; /* not declared here, or without a prototype */
	char params[512], msg[1024];
	pf_describe_params(d, params, sizeof(params));
	if (pos->name) {
		for (int j = 0; j < d->nparams; j++)
			if (d->param_names && d->param_names[j] &&
			    strcmp(d->param_names[j], pos->name) == 0) {
				pos->index = j;
				return 0;
			}
		snprintf(msg, sizeof(msg),
		         "'%s' has no parameter '%s': it is declared as %s at %s:%u", fn, pos->name,
		         params, d->pos.file, d->pos.line);
		return pf_bind_fail(b, o, where, msg);
	}
	if (!d->variadic && pos->index >= d->nparams) {
		snprintf(msg, sizeof(msg),
		         "argument %d is past the parameters of '%s' (positions count from 0): it "
		         "is declared as %s at %s:%u",
		         pos->index, fn, params, d->pos.file, d->pos.line);
		return pf_bind_fail(b, o, where, msg);
	}
	return 0;
}

static int pf_bind_list(struct pf_binder *b, const struct pf_rule_origin *o, const char *fn,
                        const char *key, struct pf_argpos *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char where[64];
		snprintf(where, sizeof(where), ".%s[%zu]", key, i);
		if (pf_bind_pos(b, o, fn, where, &v[i]) != 0)
			return -1;
	}
	return 0;
}

static int pf_bind_when(struct pf_binder *b, const struct pf_rule_origin *o, const char *fn,
                        struct pf_rule_when *w)
{
	return w ? pf_bind_pos(b, o, fn, ".when.arg", &w->arg) : 0;
}

int pf_engine_bind_rules(struct pf_rules *r, struct pf_ir_tu **tus, size_t ntus,
                         struct pf_error *err)
{
	struct pf_binder b = {.err = err};
	pf_intern_init(&b.names);
	for (size_t t = 0; t < ntus; t++)
		for (size_t i = 0; i < tus[t]->nfdecls; i++) {
			const struct pf_ir_fdecl *d = tus[t]->fdecls[i];
			const char *key = pf_intern(&b.names, d->name);
			const struct pf_ir_fdecl *best = pf_ptrmap_get(&b.decls, key);
			if (!best || pf_decl_score(d) > pf_decl_score(best))
				pf_ptrmap_put(&b.decls, key, (void *)d);
		}
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < r->nsources; i++) {
		struct pf_rule_source *s = &r->sources[i];
		if (s->kind == PF_SRC_FUNCTION)
			rc = pf_bind_list(&b, &s->origin, s->name, "args", s->args, s->nargs) ||
			     pf_bind_when(&b, &s->origin, s->name, s->when);
	}
	for (size_t i = 0; rc == 0 && i < r->nsinks; i++) {
		struct pf_rule_sink *s = &r->sinks[i];
		if (s->function)
			rc = pf_bind_list(&b, &s->origin, s->function, "args", s->args, s->nargs) ||
			     pf_bind_when(&b, &s->origin, s->function, s->when);
	}
	for (size_t i = 0; rc == 0 && i < r->npropagators; i++) {
		struct pf_rule_propagator *g = &r->propagators[i];
		rc = pf_bind_list(&b, &g->origin, g->function, "from", g->from, g->nfrom) ||
		     pf_bind_list(&b, &g->origin, g->function, "to", g->to, g->nto) ||
		     pf_bind_when(&b, &g->origin, g->function, g->when);
	}
	pf_ptrmap_free(&b.decls);
	pf_intern_release(&b.names);
	return rc ? -1 : 0;
}
