/*
 * The report as LSP diagnostics: each finding at its sink call, with the
 * rule as `code`, a link to the rules' documentation, the severity the
 * policy gave it, and its trace (source, each step, down to the sink) as
 * related information the editor links to. Flows that consent, a
 * suppression or the baseline accepted are hints that say so, for the
 * reviewer who wants to see them. piiflow's own diagnostics
 * (parse errors, unknown categories, unused suppressions) come along at
 * their positions. Files are published in sorted order, and a file that
 * had diagnostics and has none now gets an empty list, so that a change in
 * one file clears or updates what it caused in the others.
 */
#include "lsp/lsp_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver/driver.h"

char *pf_lsp_pos_uri(const json_t *pos)
{
	const char *file = json_string_value(json_object_get(pos, "file"));
	return file && *file ? pf_lsp_path_to_uri(file) : NULL;
}

static bool pf_ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

static json_t *pf_position(unsigned line, unsigned character)
{
	return json_pack("{s:i, s:i}", "line", (json_int_t)line, "character",
	                 (json_int_t)character);
}

json_t *pf_lsp_range(struct pf_lsp_server *s, const json_t *pos)
{
	json_int_t l = json_integer_value(json_object_get(pos, "line"));
	json_int_t c = json_integer_value(json_object_get(pos, "column"));
	unsigned line = l > 0 ? (unsigned)l - 1 : 0, column = c > 0 ? (unsigned)c : 1;
	char *uri = pf_lsp_pos_uri(pos);
	const struct pf_lsp_doc *doc = pf_lsp_docs_find(&s->docs, uri);
	free(uri);
	/* over the identifier that starts there (the callee, the name), else
	 * one character */
	unsigned end = column + 1;
	size_t len;
	const char *text = doc ? pf_lsp_doc_line(doc, line, &len) : NULL;
	if (text && column - 1 < len && pf_ident_char(text[column - 1])) {
		end = column;
		while (end - 1 < len && pf_ident_char(text[end - 1]))
			end++;
	}
	unsigned from = pf_lsp_doc_character(doc, line, column);
	unsigned to = doc ? pf_lsp_doc_character(doc, line, end) : from + 1;
	return json_pack("{s:o, s:o}", "start", pf_position(line, from), "end",
	                 pf_position(line, to > from ? to : from + 1));
}

static int pf_severity(const char *name)
{
	if (name && strcmp(name, "error") == 0)
		return 1;
	if (name && strcmp(name, "warning") == 0)
		return 2;
	return 3;
}

/* Where a rule is documented: the rules README next to the shipped packs. */
static json_t *pf_code_description(const char *rule)
{
	char path[4200];
	snprintf(path, sizeof(path), "%s/README.md", pf_driver_rules_dir());
	char *uri = pf_lsp_path_to_uri(path);
	size_t n = strlen(uri) + strlen(rule) + 32;
	char *href = pf_xmalloc(n);
	snprintf(href, n, "%s#%s", uri,
	         strncmp(rule, "pii-to-", 7) == 0 ? "rule-ids" : "diagnostics");
	json_t *o = json_pack("{s:s}", "href", href);
	free(uri);
	free(href);
	return o;
}

static json_t *pf_related(struct pf_lsp_server *s, const json_t *pos, const char *message)
{
	char *uri = pf_lsp_pos_uri(pos);
	if (!uri)
		return NULL;
	json_t *o = json_pack("{s:{s:s, s:o}, s:s}", "location", "uri", uri, "range",
	                      pf_lsp_range(s, pos), "message", message ? message : "");
	free(uri);
	return o;
}

static json_t *pf_finding_diagnostic(struct pf_lsp_server *s, const json_t *f)
{
	const json_t *sink = json_object_get(f, "sink"), *src = json_object_get(f, "source");
	const char *rule = json_string_value(json_object_get(f, "rule"));
	json_t *related = json_array();
	char note[1024];
	snprintf(note, sizeof(note), "source: '%s' is personal data (%s) here",
	         json_string_value(json_object_get(src, "name")),
	         json_string_value(json_object_get(f, "category")));
	json_t *r = pf_related(s, src, note);
	if (r)
		json_array_append_new(related, r);
	const json_t *trace = json_object_get(f, "trace");
	size_t i;
	const json_t *step;
	json_array_foreach(trace, i, step)
	{
		r = pf_related(s, step, json_string_value(json_object_get(step, "message")));
		if (r)
			json_array_append_new(related, r);
	}
	/* an accepted flow is a hint that says what accepted it */
	const char *by = json_string_value(json_object_get(f, "accepted_by"));
	const char *why = json_string_value(json_object_get(f, "reason"));
	const char *text = json_string_value(json_object_get(f, "message"));
	char msg[2048];
	if (by)
		snprintf(msg, sizeof(msg), "accepted (%s%s%s): %s", by, why ? ": " : "",
		         why ? why : "", text ? text : "");
	else
		snprintf(msg, sizeof(msg), "%s", text ? text : "");
	json_t *d = json_pack(
	    "{s:o, s:i, s:s, s:o, s:s, s:s, s:o}", "range", pf_lsp_range(s, sink), "severity",
	    by ? 4 : pf_severity(json_string_value(json_object_get(f, "severity"))), "code",
	    rule ? rule : "", "codeDescription", pf_code_description(rule ? rule : ""), "source",
	    "piiflow", "message", msg, "relatedInformation", related);
	/* what the code actions need, handed back by the client */
	json_t *data = json_object();
	char *src_uri = pf_lsp_pos_uri(src);
	if (src_uri) {
		json_object_set_new(data, "sourceUri", json_string(src_uri));
		json_object_set_new(data, "sourceRange", pf_lsp_range(s, src));
		free(src_uri);
	}
	if (by)
		json_object_set_new(data, "acceptedBy", json_string(by));
	const json_t *fp = json_object_get(f, "fingerprint");
	if (json_is_string(fp))
		json_object_set(data, "fingerprint", (json_t *)fp);
	json_object_set_new(d, "data", data);
	return d;
}

static json_t *pf_plain_diagnostic(struct pf_lsp_server *s, const json_t *g)
{
	const char *rule = json_string_value(json_object_get(g, "rule"));
	return json_pack("{s:o, s:i, s:s, s:o, s:s, s:s}", "range", pf_lsp_range(s, g), "severity",
	                 pf_severity(json_string_value(json_object_get(g, "severity"))), "code",
	                 rule ? rule : "", "codeDescription", pf_code_description(rule ? rule : ""),
	                 "source", "piiflow", "message",
	                 json_string_value(json_object_get(g, "message")));
}

static void pf_add(json_t *by_uri, const json_t *pos, json_t *diag)
{
	char *uri = pf_lsp_pos_uri(pos);
	if (!uri || !diag) {
		free(uri);
		json_decref(diag);
		return;
	}
	json_t *list = json_object_get(by_uri, uri);
	if (!list) {
		list = json_array();
		json_object_set_new(by_uri, uri, list);
	}
	json_array_append_new(list, diag);
	free(uri);
}

static int pf_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void pf_lsp_publish(struct pf_lsp_server *s)
{
	json_t *by_uri = json_object();
	size_t i;
	const json_t *f;
	json_array_foreach(json_object_get(s->report, "findings"), i, f)
	    pf_add(by_uri, json_object_get(f, "sink"), pf_finding_diagnostic(s, f));
	json_array_foreach(json_object_get(s->report, "accepted"), i, f)
	    pf_add(by_uri, json_object_get(f, "sink"), pf_finding_diagnostic(s, f));
	json_array_foreach(json_object_get(s->report, "diagnostics"), i, f)
	    pf_add(by_uri, f, pf_plain_diagnostic(s, f));

	size_t n = json_object_size(by_uri);
	char **uris = pf_xcalloc(n + 1, sizeof(*uris));
	const char *key;
	json_t *value;
	size_t k = 0;
	json_object_foreach(by_uri, key, value) uris[k++] = pf_xstrdup(key);
	qsort(uris, n, sizeof(*uris), pf_strcmp);

	/* files that had diagnostics and have none now: cleared first */
	for (size_t p = 0; p < s->npublished; p++) {
		if (!json_object_get(by_uri, s->published[p]))
			pf_lsp_notify(
			    s, "textDocument/publishDiagnostics",
			    json_pack("{s:s, s:[]}", "uri", s->published[p], "diagnostics"));
		free(s->published[p]);
	}
	free(s->published);
	for (size_t u = 0; u < n; u++)
		pf_lsp_notify(s, "textDocument/publishDiagnostics",
		              json_pack("{s:s, s:O}", "uri", uris[u], "diagnostics",
		                        json_object_get(by_uri, uris[u])));
	s->published = uris;
	s->npublished = n;
	json_decref(by_uri);
}
