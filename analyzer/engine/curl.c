/*
 * libcurl as a sink: data posted through a CURL handle whose URL names an
 * advertising, attribution or analytics host of the endpoint catalog
 * (rules "endpoints") is used for that host's purpose. A string literal
 * that is such a URL or host name carries an endpoint label; the label
 * flows like data (through variables, snprintf, helpers), and a handle
 * keeps what its CURLOPT_URL and its body options were given. A finding is
 * placed at the option that sets personal data when the URL is already
 * known, and otherwise at curl_easy_perform.
 */
#include "engine/analyze_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The catalog endpoint a string literal names (a URL or a host name), or
 * NULL. */
static const struct pf_rule_endpoint *pf_curl_endpoint_of(const struct pf_rules *r,
                                                          const char *text)
{
	char host[256];
	if (!text || !r || !pf_rules_url_host(text, host, sizeof(host)) || !strchr(host, '.') ||
	    strchr(text, ' '))
		return NULL;
	return pf_rules_find_endpoint(r, host);
}

const struct pf_tset *pf_curl_string_labels(struct pf_actx *cx, const char *text)
{
	const struct pf_rule_endpoint *ep = pf_curl_endpoint_of(cx->p->opts->rules, text);
	if (!ep)
		return &pf_tset_empty;
	struct pf_port port = {
	    .kind = PF_PORT_ENDPOINT, .index = -1, .path = pf_intern(&cx->p->strings, ep->host)};
	return pf_tset_one(&cx->a, pf_origin(cx, &port), 0);
}

bool pf_origin_is_endpoint(struct pf_actx *cx, uint32_t origin)
{
	return cx->origins.v[origin].kind == PF_PORT_ENDPOINT;
}

static const char *pf_option_name(const struct pf_ir_expr *e)
{
	for (int guard = 0; e && guard < 8; guard++) {
		if (e->kind == PF_E_CONST)
			return e->u.text;
		if ((e->kind == PF_E_COMBINE || e->kind == PF_E_SEQ) && e->nkids)
			e = e->kids[e->nkids - 1];
		else
			return NULL;
	}
	return NULL;
}

static bool pf_is_body_option(const char *opt)
{
	static const char *const body[] = {
	    "CURLOPT_POSTFIELDS", "CURLOPT_COPYPOSTFIELDS",
	    "CURLOPT_HTTPHEADER", "CURLOPT_MIMEPOST",
	    "CURLOPT_HTTPPOST",   "CURLOPT_USERAGENT",
	    "CURLOPT_COOKIE",     "CURLOPT_REFERER",
	    "CURLOPT_READDATA",   NULL,
	};
	for (int i = 0; body[i]; i++)
		if (strcmp(opt, body[i]) == 0)
			return true;
	return false;
}

void pf_curl_report_at(struct pf_actx *cx, const struct pf_tset *url, const struct pf_tset *data,
                       struct pf_fn *fn, int site, int arg, const char *callee,
                       struct pf_ir_pos pos, int via, bool consented,
                       const struct pf_consent_check *by)
{
	const struct pf_rules *r = cx->p->opts->rules;
	const struct pf_tset *pii = &pf_tset_empty;
	for (uint32_t k = 0; k < data->n; k++)
		if (!pf_origin_is_endpoint(cx, data->v[k].origin))
			pii = pf_tset_union(
			    &cx->a, pii, pf_tset_one(&cx->a, data->v[k].origin, data->v[k].trace));
	if (pii->n == 0)
		return;
	/* the parts of the URL that came in through parameters and globals
	 * are the caller's to name: one conditional sink for them, the data
	 * into its port and those parts into its URL port */
	const struct pf_tset *named = &pf_tset_empty;
	for (uint32_t i = 0; i < url->n; i++) {
		const struct pf_port ep = cx->origins.v[url->v[i].origin];
		if (ep.kind == PF_PORT_PARAM || ep.kind == PF_PORT_GLOBAL)
			named = pf_tset_union(
			    &cx->a, named, pf_tset_one(&cx->a, url->v[i].origin, url->v[i].trace));
	}
	if (named->n) {
		struct pf_port to = {.kind = PF_PORT_SINK, .path = cx->p->empty};
		to.index = pf_program_cond_site(cx->p, cx->fn, via, fn, site, arg, callee, pos);
		pf_emit_by(cx, pii, to, consented, by);
		to.path = cx->p->url;
		pf_emit_by(cx, named, to, false, NULL);
	}
	for (uint32_t i = 0; i < url->n; i++) {
		const struct pf_port ep = cx->origins.v[url->v[i].origin];
		struct pf_port to = {.kind = PF_PORT_SINK, .path = cx->p->empty};
		if (ep.kind != PF_PORT_ENDPOINT)
			continue;
		const struct pf_rule_endpoint *rule = pf_rules_find_endpoint(r, ep.path);
		if (!rule)
			continue;
		const char *purpose = pf_intern(&cx->p->strings, rule->purpose);
		to.index = pf_program_sink_site(cx->p, fn, site, arg, purpose, callee, pos);
		cx->p->sites.v[to.index].endpoint = ep.path;
		uint64_t bit = pf_purpose_bit(cx->p, purpose);
		pf_emit_by(cx, pii, to, consented || (cx->st.consent & bit) != 0,
		           consented ? by : pf_state_consent_by(&cx->st, bit));
	}
}

/* Reports each personal-data label of data for the purpose of every
 * endpoint label of url, as a sink at this call. */
static void pf_curl_report(struct pf_actx *cx, const struct pf_tset *url,
                           const struct pf_tset *data, struct pf_fn *g, int arg,
                           struct pf_ir_expr *call)
{
	pf_curl_report_at(cx, url, data, cx->fn, call->u.call.site, arg, g->name, call->pos, -1,
	                  false, NULL);
}

static const struct pf_lset *pf_handle_field(struct pf_actx *cx, const struct pf_val *h,
                                             const char *field)
{
	const char *step = pf_intern(&cx->p->strings, field);
	const struct pf_lset *r = &pf_lset_empty;
	for (uint32_t i = 0; i < h->pts->n; i++)
		r = pf_lset_union(&cx->a, r,
		                  pf_lset_one(&cx->a, pf_loc_child(cx, h->pts->v[i], step, -1)));
	return r;
}

bool pf_curl_call(struct pf_actx *cx, struct pf_fn *g, struct pf_val *args,
                  struct pf_ir_expr **argx, unsigned nargs, struct pf_ir_expr *call,
                  struct pf_val *result)
{
	if (g->body)
		return false;
	if (strcmp(g->name, "curl_mime_addpart") == 0 && nargs >= 1) {
		/* a part is part of its form: what is written into it is posted with
		 * CURLOPT_MIMEPOST of the form */
		result->pts = args[0].pts;
		return true;
	}
	if (strcmp(g->name, "curl_easy_setopt") == 0 && nargs >= 3) {
		const char *opt = pf_option_name(argx[1]);
		if (!opt)
			return true;
		const struct pf_lset *url = pf_handle_field(cx, &args[0], ".@curl_url");
		const struct pf_lset *pending = pf_handle_field(cx, &args[0], ".@curl_data");
		struct pf_val w = {&pf_tset_empty, &pf_lset_empty, &pf_lset_empty};
		w.labels = pf_arg_deep(cx, &args[2], argx[2]);
		if (strcmp(opt, "CURLOPT_URL") == 0) {
			/* personal data in the URL of a catalog host: reported here; the
			 * handle keeps only which host it talks to */
			pf_curl_report(cx, w.labels, w.labels, g, 2, call);
			struct pf_val hosts = w;
			hosts.labels = &pf_tset_empty;
			for (uint32_t i = 0; i < w.labels->n; i++)
				if (pf_origin_is_endpoint(cx, w.labels->v[i].origin))
					hosts.labels =
					    pf_tset_union(&cx->a, hosts.labels,
					                  pf_tset_one(&cx->a, w.labels->v[i].origin,
					                              w.labels->v[i].trace));
			bool has_host = hosts.labels->n > 0;
			pf_write(cx, url, has_host ? &hosts : &w, false);
		} else if (pf_is_body_option(opt)) {
			const struct pf_tset *known = pf_read_set(cx, url, false);
			bool has_endpoint = false;
			for (uint32_t i = 0; i < known->n && !has_endpoint; i++)
				has_endpoint = pf_origin_is_endpoint(cx, known->v[i].origin);
			if (has_endpoint)
				pf_curl_report(cx, known, w.labels, g, 2, call);
			else
				pf_write(cx, pending, &w, false);
		}
		return true;
	}
	if (strcmp(g->name, "curl_easy_perform") == 0 && nargs >= 1) {
		const struct pf_tset *url =
		    pf_read_set(cx, pf_handle_field(cx, &args[0], ".@curl_url"), false);
		const struct pf_tset *pending =
		    pf_read_set(cx, pf_handle_field(cx, &args[0], ".@curl_data"), false);
		pf_curl_report(cx, url, pf_tset_union(&cx->a, url, pending), g, 0, call);
		return true;
	}
	return false;
}

/* ---- --explain ---- */

struct pf_curl_census {
	struct pf_program *p;
	const struct pf_rules *rules;
	size_t calls;       /* curl_easy_setopt and curl_easy_perform calls */
	size_t shown, more; /* endpoint strings listed, and those left out */
	FILE *out;
};

static void pf_curl_scan(struct pf_curl_census *c, const struct pf_ir_expr *e,
                         const struct pf_ir_pos *at)
{
	if (!e)
		return;
	if (e->kind == PF_E_CALL && e->nkids && e->kids[0] && e->kids[0]->kind == PF_E_FUNC) {
		const struct pf_fn *g = pf_program_callee(c->p, e->kids[0]);
		if (g && (strcmp(g->name, "curl_easy_setopt") == 0 ||
		          strcmp(g->name, "curl_easy_perform") == 0))
			c->calls++;
	}
	const struct pf_rule_endpoint *ep;
	if (e->kind == PF_E_STRING && (ep = pf_curl_endpoint_of(c->rules, e->u.text))) {
		const struct pf_ir_pos *pos = e->pos.file && e->pos.line ? &e->pos : at;
		if (c->shown++ < PF_CURL_EXPLAIN_MAX)
			fprintf(c->out, "  \"%s\" at %s:%u names %s, an endpoint of %s\n",
			        e->u.text, pos->file ? pos->file : "?", pos->line, ep->host,
			        ep->purpose);
		else
			c->more++;
	}
	for (unsigned i = 0; i < e->nkids; i++)
		pf_curl_scan(c, e->kids[i], at);
}

void pf_curl_explain(struct pf_program *p, FILE *out)
{
	/* the strings first, into a buffer: the section is left out for a
	 * program that neither calls libcurl nor names a catalog host */
	char *text = NULL;
	size_t len = 0;
	FILE *buf = open_memstream(&text, &len);
	if (!buf)
		return;
	struct pf_curl_census c = {.p = p, .rules = p->opts->rules, .out = buf};
	for (size_t i = 0; i < p->fns.n; i++) {
		const struct pf_ir_func *b = p->fns.v[i]->body;
		for (unsigned k = 0; b && k < b->nblocks; k++) {
			for (unsigned s = 0; s < b->blocks[k].nstmts; s++)
				pf_curl_scan(&c, b->blocks[k].stmts[s].expr, &b->decl->pos);
			pf_curl_scan(&c, b->blocks[k].cond, &b->decl->pos);
		}
	}
	for (size_t i = 0; i < p->globals.n; i++)
		pf_curl_scan(&c, p->globals.v[i].init, &p->globals.v[i].pos);
	fclose(buf);
	if (c.calls || c.shown) {
		fprintf(out,
		        "libcurl: %zu calls; strings that name a host of the endpoint catalog:\n",
		        c.calls);
		fputs(text, out);
		if (c.more)
			fprintf(out, "  and %zu more\n", c.more);
		fprintf(out, c.shown
		                 ? "  a URL with such a host that reaches CURLOPT_URL (through "
		                   "variables, globals, fields or parameters) makes the calls of "
		                   "its handle sinks for the host's purpose\n"
		                 : "  none: libcurl's calls send nothing to a catalog host and are "
		                   "not sinks\n");
	}
	free(text);
}
