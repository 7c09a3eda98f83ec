/*
 * What the editor asks about a finding: code actions (allow the flow with a
 * `piiflow-allow(RULE): ` comment above the sink line, or go to the source
 * of its data through window/showDocument), and hovers on a declaration of
 * personal data that list the purposes and sinks its data reaches, from the
 * last report.
 */
#include "lsp/lsp_int.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The quick fix that allows one flow: a comment line above the sink's line,
 * indented like it. The reason is the user's to write. */
static json_t *pf_allow_action(struct pf_lsp_server *s, const char *uri, const json_t *diag)
{
	const char *rule = json_string_value(json_object_get(diag, "code"));
	json_int_t line = json_integer_value(
	    json_object_get(json_object_get(json_object_get(diag, "range"), "start"), "line"));
	const struct pf_lsp_doc *doc = pf_lsp_docs_find(&s->docs, uri);
	size_t len = 0, indent = 0;
	const char *text = doc ? pf_lsp_doc_line(doc, (unsigned)line, &len) : NULL;
	while (text && indent < len && (text[indent] == ' ' || text[indent] == '\t'))
		indent++;
	size_t n = indent + strlen(rule) + 64;
	char *insert = pf_xmalloc(n);
	snprintf(insert, n, "%.*s/* piiflow-allow(%s): */\n", (int)indent, text ? text : "", rule);
	char title[256];
	snprintf(title, sizeof(title), "Allow this flow: piiflow-allow(%s) above the sink", rule);
	json_t *edit =
	    json_pack("{s:{s:{s:i, s:i}, s:{s:i, s:i}}, s:s}", "range", "start", "line", line,
	              "character", 0, "end", "line", line, "character", 0, "newText", insert);
	json_t *changes = json_object();
	json_object_set_new(changes, uri, json_pack("[o]", edit));
	free(insert);
	return json_pack("{s:s, s:s, s:[O], s:{s:o}}", "title", title, "kind", "quickfix",
	                 "diagnostics", diag, "edit", "changes", changes);
}

static json_t *pf_source_action(const json_t *diag)
{
	const json_t *data = json_object_get(diag, "data");
	const json_t *uri = json_object_get(data, "sourceUri");
	const json_t *range = json_object_get(data, "sourceRange");
	if (!json_is_string(uri) || !json_is_object(range))
		return NULL;
	char *path = pf_lsp_uri_to_path(json_string_value(uri));
	const char *base = path ? strrchr(path, '/') : NULL;
	char title[512];
	snprintf(title, sizeof(title), "Go to the source of this data (%s:%lld)",
	         base ? base + 1 : (path ? path : "?"),
	         (long long)json_integer_value(
	             json_object_get(json_object_get(range, "start"), "line")) +
	             1);
	free(path);
	return json_pack("{s:s, s:s, s:{s:s, s:s, s:[O, O]}}", "title", title, "kind", "quickfix",
	                 "command", "title", title, "command", PF_LSP_SHOW_SOURCE, "arguments", uri,
	                 range);
}

json_t *pf_lsp_code_actions(struct pf_lsp_server *s, const json_t *params)
{
	const char *uri =
	    json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
	json_t *actions = json_array();
	size_t i;
	const json_t *diag;
	json_array_foreach(json_object_get(json_object_get(params, "context"), "diagnostics"), i,
	                   diag)
	{
		const char *src = json_string_value(json_object_get(diag, "source"));
		const char *rule = json_string_value(json_object_get(diag, "code"));
		if (!uri || !src || strcmp(src, "piiflow") != 0 || !rule ||
		    strncmp(rule, "pii-to-", 7) != 0)
			continue;
		json_t *go = pf_source_action(diag);
		if (json_object_get(json_object_get(diag, "data"), "acceptedBy")) {
			if (go) /* accepted already: only the way to the source */
				json_array_append_new(actions, go);
			continue;
		}
		json_array_append_new(actions, pf_allow_action(s, uri, diag));
		if (go)
			json_array_append_new(actions, go);
	}
	return actions;
}

json_t *pf_lsp_execute_command(struct pf_lsp_server *s, const json_t *params, json_t **error)
{
	const char *cmd = json_string_value(json_object_get(params, "command"));
	const json_t *args = json_object_get(params, "arguments");
	if (!cmd || strcmp(cmd, PF_LSP_SHOW_SOURCE) != 0) {
		*error = json_pack("{s:i, s:s}", "code", PF_LSP_INVALID_PARAMS, "message",
		                   "unknown command (piiflow has " PF_LSP_SHOW_SOURCE ")");
		return NULL;
	}
	const json_t *uri = json_array_get(args, 0), *range = json_array_get(args, 1);
	if (!json_is_string(uri) || !json_is_object(range)) {
		*error = json_pack("{s:i, s:s}", "code", PF_LSP_INVALID_PARAMS, "message",
		                   PF_LSP_SHOW_SOURCE " takes a URI and a range");
		return NULL;
	}
	pf_lsp_request(
	    s, "window/showDocument",
	    json_pack("{s:O, s:b, s:O}", "uri", uri, "takeFocus", 1, "selection", range));
	return json_null();
}

static bool pf_same_file(const json_t *pos, const char *path)
{
	char *uri = pf_lsp_pos_uri(pos);
	char *p = uri ? pf_lsp_uri_to_path(uri) : NULL;
	char buf[PATH_MAX];
	bool same = p && (strcmp(p, path) == 0 || (realpath(p, buf) && strcmp(buf, path) == 0));
	free(uri);
	free(p);
	return same;
}

/* One line of the hover per finding whose source is on the line. */
static void pf_hover_lines(const json_t *list, const char *how, const char *path, json_int_t line,
                           char **md, size_t *len, const char **name)
{
	size_t i;
	const json_t *f;
	json_array_foreach(list, i, f)
	{
		const json_t *src = json_object_get(f, "source"),
		             *sink = json_object_get(f, "sink");
		if (json_integer_value(json_object_get(src, "line")) != line + 1 ||
		    !pf_same_file(src, path))
			continue;
		*name = json_string_value(json_object_get(src, "name"));
		const char *why = json_string_value(json_object_get(f, "accepted_by"));
		char buf[1024];
		int n =
		    snprintf(buf, sizeof(buf), "- **%s** (%s) through `%s` at %s:%lld, %s%s%s\n",
		             json_string_value(json_object_get(f, "purpose")),
		             json_string_value(json_object_get(f, "category")),
		             json_string_value(json_object_get(sink, "callee")),
		             json_string_value(json_object_get(sink, "file")),
		             (long long)json_integer_value(json_object_get(sink, "line")), how,
		             why ? ": " : "", why ? why : "");
		if (n < 0)
			continue;
		size_t add = (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1;
		*md = pf_xrealloc(*md, *len + add + 1);
		memcpy(*md + *len, buf, add);
		*len += add;
		(*md)[*len] = '\0';
	}
}

json_t *pf_lsp_hover(struct pf_lsp_server *s, const json_t *params)
{
	const char *uri =
	    json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
	json_int_t line =
	    json_integer_value(json_object_get(json_object_get(params, "position"), "line"));
	char *path = pf_lsp_uri_to_path(uri);
	struct pf_lsp_doc *doc = pf_lsp_docs_find(&s->docs, uri);
	if (!path || !s->report) {
		free(path);
		return json_null();
	}
	const char *p = doc ? doc->path : path;
	char *md = NULL;
	size_t len = 0;
	const char *name = NULL;
	pf_hover_lines(json_object_get(s->report, "findings"), "reported", p, line, &md, &len,
	               &name);
	pf_hover_lines(json_object_get(s->report, "accepted"), "accepted", p, line, &md, &len,
	               &name);
	free(path);
	if (!md) {
		/* an annotated declaration whose data reaches nothing says so */
		size_t n = 0;
		const char *text = doc ? pf_lsp_doc_line(doc, (unsigned)line, &n) : NULL;
		char lbuf[1024];
		snprintf(lbuf, sizeof(lbuf), "%.*s", (int)(n < sizeof(lbuf) ? n : sizeof(lbuf) - 1),
		         text ? text : "");
		if (!text || !strstr(lbuf, "PII"))
			return json_null();
		return json_pack("{s:{s:s, s:s}}", "contents", "kind", "markdown", "value",
		                 "**piiflow**: in the last analysis, the personal data declared "
		                 "here reaches no sink.");
	}
	char head[512];
	snprintf(head, sizeof(head),
	         "**piiflow**: the personal data `%s` reaches these purposes:\n\n",
	         name ? name : "?");
	size_t hn = strlen(head);
	char *all = pf_xmalloc(hn + len + 1);
	memcpy(all, head, hn);
	memcpy(all + hn, md, len + 1);
	free(md);
	json_t *h = json_pack("{s:{s:s, s:s}}", "contents", "kind", "markdown", "value", all);
	free(all);
	return h;
}
