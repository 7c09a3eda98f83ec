/*
 * Answers the engine's questions about a call: is this function a sink, a
 * source, a propagator, an anonymizer, a consent check, and does argument i
 * take part; and about a URL: does its host collect data, and for what.
 * Linear scans: a run loads a few hundred rules, and the engine asks once
 * per callee or URL, not once per instruction.
 */
#include "rules_internal.h"

#include <ctype.h>
#include <stddef.h>
#include <strings.h>
#include <string.h>

static bool sink_matches(const struct pf_rule_sink *s, const char *fn)
{
	if (s->function)
		return strcmp(s->function, fn) == 0;
	return s->function_regex && regexec(&s->regex, fn, 0, NULL, 0) == 0;
}

const struct pf_rule_sink *pf_rules_find_sink(const struct pf_rules *r, const char *fn,
                                              const struct pf_rule_sink *after)
{
	size_t start = after ? (size_t)(after - r->sinks) + 1 : 0;
	for (size_t i = start; i < r->nsinks; i++)
		if (sink_matches(&r->sinks[i], fn))
			return &r->sinks[i];
	return NULL;
}

const struct pf_rule_source *pf_rules_find_function_source_next(const struct pf_rules *r,
                                                                const char *fn,
                                                                const struct pf_rule_source *after)
{
	size_t start = after ? (size_t)(after - r->sources) + 1 : 0;
	for (size_t i = start; i < r->nsources; i++)
		if (r->sources[i].kind == PF_SRC_FUNCTION && strcmp(r->sources[i].name, fn) == 0)
			return &r->sources[i];
	return NULL;
}

const struct pf_rule_source *pf_rules_find_function_source(const struct pf_rules *r, const char *fn)
{
	return pf_rules_find_function_source_next(r, fn, NULL);
}

const struct pf_rule_source *pf_rules_find_record_field(const struct pf_rules *r, const char *tag,
                                                        const char *type_name, const char *field)
{
	for (size_t i = 0; i < r->nsources; i++) {
		const struct pf_rule_source *s = &r->sources[i];
		if (s->kind == PF_SRC_FIELD && strcmp(s->field, field) == 0 &&
		    (strcmp(s->record, tag) == 0 || strcmp(s->record, type_name) == 0))
			return s;
	}
	return NULL;
}

const struct pf_rule_source *pf_rules_find_field_source(const struct pf_rules *r,
                                                        const char *record, const char *field)
{
	return pf_rules_find_record_field(r, record, record, field);
}

const struct pf_rule_source *pf_rules_find_variable_source(const struct pf_rules *r,
                                                           const char *name)
{
	for (size_t i = 0; i < r->nsources; i++)
		if (r->sources[i].kind == PF_SRC_VARIABLE && strcmp(r->sources[i].name, name) == 0)
			return &r->sources[i];
	return NULL;
}

const void *pf_rules_find_named(const void *v, size_t n, size_t size, size_t name, const char *s)
{
	for (size_t i = 0; i < n; i++) {
		const char *e = (const char *)v + i * size;
		if (strcmp(*(const char *const *)(e + name), s) == 0)
			return e;
	}
	return NULL;
}

const struct pf_rule_propagator *pf_rules_find_propagator(const struct pf_rules *r, const char *fn)
{
	return pf_rules_find_named(r->propagators, r->npropagators, sizeof(*r->propagators),
	                           offsetof(struct pf_rule_propagator, function), fn);
}

const struct pf_rule_anonymizer *pf_rules_find_anonymizer(const struct pf_rules *r, const char *fn)
{
	return pf_rules_find_named(r->anonymizers, r->nanonymizers, sizeof(*r->anonymizers),
	                           offsetof(struct pf_rule_anonymizer, function), fn);
}

const struct pf_rule_consent *pf_rules_find_consent(const struct pf_rules *r, const char *fn)
{
	return pf_rules_find_named(r->consents, r->nconsents, sizeof(*r->consents),
	                           offsetof(struct pf_rule_consent, function), fn);
}

/* True when host (n bytes) is catalog host h or a subdomain of it: equal, or
 * ending in "." followed by h. Case does not matter. */
static bool host_matches(const char *host, size_t n, const char *h)
{
	size_t m = strlen(h);
	if (n < m || strncasecmp(host + n - m, h, m) != 0)
		return false;
	return n == m || host[n - m - 1] == '.';
}

const struct pf_rule_endpoint *pf_rules_find_endpoint(const struct pf_rules *r, const char *host)
{
	size_t n = strlen(host);
	if (n > 0 && host[n - 1] == '.')
		n--; /* "www.x.com." is the fully qualified "www.x.com" */
	if (n == 0 || memchr(host, ':', n) || memchr(host, '/', n))
		return NULL;
	const struct pf_rule_endpoint *best = NULL;
	for (size_t i = 0; i < r->nendpoints; i++) {
		const struct pf_rule_endpoint *e = &r->endpoints[i];
		if (host_matches(host, n, e->host) &&
		    (!best || strlen(e->host) > strlen(best->host)))
			best = e;
	}
	return best;
}

bool pf_rules_url_host(const char *url, char *buf, size_t size)
{
	if (size > 0)
		buf[0] = '\0';
	const char *start = strstr(url, "://");
	const char *q = strpbrk(url, "/?#");
	if (start && (!q || start < q))
		start += 3; /* after "scheme://" */
	else if (strncmp(url, "//", 2) == 0)
		start = url + 2; /* scheme-relative */
	else
		start = url; /* libcurl guesses the scheme of "host/path" */
	size_t len = strcspn(start, "/?#");
	const char *at = memchr(start, '@', len);
	if (at) { /* user:password@host */
		len -= (size_t)(at + 1 - start);
		start = at + 1;
	}
	if (len > 0 && start[0] == '[')
		return false; /* an IPv6 literal is no catalog host */
	const char *colon = memchr(start, ':', len);
	if (colon)
		len = (size_t)(colon - start); /* the port */
	if (len == 0 || len >= size || memchr(start, '%', len))
		return false;
	for (size_t i = 0; i < len; i++)
		buf[i] = (char)tolower((unsigned char)start[i]);
	buf[len] = '\0';
	return true;
}

bool pf_rules_when_holds(const struct pf_rule_when *w, const char *const *literals, size_t nargs)
{
	if (!w)
		return true;
	int i = w->arg.index;
	if (i < 0 || (size_t)i >= nargs || !literals || !literals[i])
		return false;
	for (size_t k = 0; k < w->nis; k++)
		if (strcmp(w->is[k], literals[i]) == 0)
			return true;
	return false;
}

bool pf_argpos_matches(const struct pf_argpos *list, size_t n, int i, int nfixed)
{
	for (size_t k = 0; k < n; k++) {
		switch (list[k].kind) {
		case PF_ARG_INDEX:
			if (i >= 0 && list[k].index == i)
				return true;
			break;
		case PF_ARG_VARIADIC:
			if (i >= 0 && i >= nfixed)
				return true;
			break;
		case PF_ARG_RETURN:
			if (i == PF_ARGPOS_RETURN)
				return true;
			break;
		}
	}
	return false;
}

bool pf_rules_sink_takes_arg(const struct pf_rule_sink *s, int i, int nfixed)
{
	if (i < 0)
		return false;
	return s->all_args || pf_argpos_matches(s->args, s->nargs, i, nfixed);
}

bool pf_rules_propagator_reads_arg(const struct pf_rule_propagator *g, int i, int nfixed)
{
	if (i < 0)
		return false;
	return g->from_all || pf_argpos_matches(g->from, g->nfrom, i, nfixed);
}
