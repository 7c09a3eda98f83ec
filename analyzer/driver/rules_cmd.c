/*
 * `piiflow rules list` and `piiflow rules check`: what a user looks at when a
 * flow is or is not reported and the reason may be a rule. `list` shows the
 * rules a check would load, from the same places in the same order, one line
 * per entry under the file it came from; `check` validates a rules file
 * before it is committed, with the loader's own messages.
 */
#include "driver/driver.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy/config.h"
#include "rules/rules.h"

/* "0", "...", "return", comma-separated, into buf. */
static const char *positions(const struct pf_argpos *v, size_t n, char *buf, size_t size)
{
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && o < size; i++) {
		const char *sep = i ? ", " : "";
		if (v[i].kind == PF_ARG_VARIADIC)
			snprintf(buf + o, size - o, "%s...", sep);
		else if (v[i].kind == PF_ARG_RETURN)
			snprintf(buf + o, size - o, "%sreturn", sep);
		else if (v[i].name)
			snprintf(buf + o, size - o, "%s%s", sep, v[i].name);
		else
			snprintf(buf + o, size - o, "%s%d", sep, v[i].index);
		o += strlen(buf + o);
	}
	return buf;
}

static void print_source(const void *entry)
{
	const struct pf_rule_source *s = entry;
	char buf[256];
	if (s->kind == PF_SRC_FIELD)
		printf("  source      field %s -> %s\n", s->name, s->category);
	else if (s->kind == PF_SRC_VARIABLE)
		printf("  source      variable %s -> %s\n", s->name, s->category);
	else
		printf("  source      %s: %s%s%s -> %s\n", s->name, s->ret ? "return" : "",
		       s->ret && s->nargs ? ", " : "",
		       positions(s->args, s->nargs, buf, sizeof(buf)), s->category);
}

static void print_sink(const void *entry)
{
	const struct pf_rule_sink *s = entry;
	char buf[256];
	if (s->function_regex)
		printf("  sink        /%s/: ", s->function_regex);
	else
		printf("  sink        %s: ", s->function);
	printf("%s -> %s\n",
	       s->nargs ? positions(s->args, s->nargs, buf, sizeof(buf)) : "every argument",
	       s->purpose);
}

static void print_propagator(const void *entry)
{
	const struct pf_rule_propagator *g = entry;
	char from[256], to[256];
	printf("  propagator  %s: %s -> %s%s\n", g->function,
	       g->nfrom ? positions(g->from, g->nfrom, from, sizeof(from)) : "every argument",
	       g->nto ? positions(g->to, g->nto, to, sizeof(to)) : "nothing",
	       g->nto && !g->replace ? " (appends)" : "");
}

static void print_anonymizer(const void *entry)
{
	printf("  anonymizer  %s\n", ((const struct pf_rule_anonymizer *)entry)->function);
}

static void print_consent(const void *entry)
{
	const struct pf_rule_consent *c = entry;
	printf("  consent     %s -> %s\n", c->function, c->purpose);
}

static void print_endpoint(const void *entry)
{
	const struct pf_rule_endpoint *e = entry;
	printf("  endpoint    %s -> %s\n", e->host, e->purpose);
}

/* Prints those of the n entries at v (size bytes each, their origin at
 * offset origin) that come from file, and returns how many. */
static size_t list(const void *v, size_t n, size_t size, size_t origin, const char *file,
                   void (*print)(const void *entry))
{
	size_t listed = 0;
	for (size_t i = 0; i < n; i++) {
		const char *entry = (const char *)v + i * size;
		const struct pf_rule_origin *o = (const struct pf_rule_origin *)(entry + origin);
		if (o->file != file && (!o->file || strcmp(o->file, file) != 0))
			continue;
		print(entry);
		listed++;
	}
	return listed;
}

#define LIST(r, member, type, file, print)                                                         \
	list((r)->member, (r)->n##member, sizeof(type), offsetof(type, origin), file, print)

static size_t count_entries(const struct pf_rules *r)
{
	return r->nsources + r->nsinks + r->npropagators + r->nanonymizers + r->nconsents +
	       r->nendpoints;
}

int pf_driver_rules_list(const struct pf_rules_list_options *o)
{
	struct pf_config cfg;
	struct pf_rules rules;
	int rc = PF_EXIT_ERROR;
	pf_rules_init(&rules);
	if (pf_driver_load_config(o->config, o->no_config, &cfg) != 0 ||
	    pf_driver_load_rules(&rules, o->no_default_rules, &cfg, o->rules_files, o->nrules) != 0)
		goto done;
	for (size_t f = 0; f < rules.nfiles; f++) {
		const char *file = rules.files[f];
		const char *dir = pf_driver_rules_dir();
		bool shipped = !o->no_default_rules && strncmp(file, dir, strlen(dir)) == 0;
		printf("%s: pack '%s'%s\n", file, rules.packs[f] ? rules.packs[f] : "",
		       shipped ? " (shipped)" : "");
		/* One statement each: the order of the lines is the order of the calls. */
		size_t n = LIST(&rules, sources, struct pf_rule_source, file, print_source);
		n += LIST(&rules, sinks, struct pf_rule_sink, file, print_sink);
		n += LIST(&rules, propagators, struct pf_rule_propagator, file, print_propagator);
		n += LIST(&rules, anonymizers, struct pf_rule_anonymizer, file, print_anonymizer);
		n += LIST(&rules, consents, struct pf_rule_consent, file, print_consent);
		n += LIST(&rules, endpoints, struct pf_rule_endpoint, file, print_endpoint);
		if (n == 0)
			printf("  (no entries)\n");
	}
	size_t n = count_entries(&rules);
	printf("%zu file%s, %zu entr%s\n", rules.nfiles, rules.nfiles == 1 ? "" : "s", n,
	       n == 1 ? "y" : "ies");
	rc = fflush(stdout) == 0 ? PF_EXIT_OK : PF_EXIT_ERROR;
done:
	pf_rules_free(&rules);
	pf_config_free(&cfg);
	return rc;
}

int pf_driver_rules_check(char **files, size_t nfiles)
{
	int rc = PF_EXIT_OK;
	for (size_t i = 0; i < nfiles; i++) {
		struct pf_rules rules;
		struct pf_error err;
		pf_rules_init(&rules);
		if (pf_rules_load_file(&rules, files[i], false, &err) == 0) {
			size_t n = count_entries(&rules);
			printf("%s: ok (%zu entr%s)\n", files[i], n, n == 1 ? "y" : "ies");
		} else {
			pf_error_print(&err, "error");
			rc = PF_EXIT_ERROR;
		}
		pf_rules_free(&rules);
	}
	return rc;
}
