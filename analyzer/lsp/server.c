/*
 * The server's loop and the dispatch of messages. One thread: poll() waits
 * on the client's input, on the running analysis child, and on the pause
 * after the last edit, so the editor is never kept waiting on an analysis.
 * Requests are answered at once from what the last report holds; malformed
 * input gets a JSON-RPC error and the server goes on.
 */
#include "lsp/lsp_int.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "compdb/compdb.h"
#include "driver/held.h"
#include "driver/inputs.h"
#include "util/path.h"
#include "util/timing.h"
#include "report/report.h"

void pf_lsp_notify(struct pf_lsp_server *s, const char *method, json_t *params)
{
	pf_lsp_send(s->out, json_pack("{s:s, s:o}", "method", method, "params", params));
}

json_int_t pf_lsp_request(struct pf_lsp_server *s, const char *method, json_t *params)
{
	pf_lsp_send(s->out, json_pack("{s:I, s:s, s:o}", "id", ++s->next_id, "method", method,
	                              "params", params));
	return s->next_id;
}

void pf_lsp_log(struct pf_lsp_server *s, int type, const char *fmt, ...)
{
	char buf[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	pf_lsp_notify(s, "window/logMessage",
	              json_pack("{s:i, s:s}", "type", type, "message", buf));
}

static void pf_reply(struct pf_lsp_server *s, const json_t *id, json_t *result)
{
	pf_lsp_send(s->out, json_pack("{s:O, s:o}", "id", id, "result", result));
}

static void pf_reply_error(struct pf_lsp_server *s, const json_t *id, int code, const char *msg)
{
	json_t *m = json_pack("{s:{s:i, s:s}}", "error", "code", code, "message", msg);
	json_object_set(m, "id", id ? (json_t *)id : json_null());
	pf_lsp_send(s->out, m);
}

/* Analyze after the pause (0: at once), ending outdated work now. */
static void pf_schedule(struct pf_lsp_server *s, int delay_ms)
{
	pf_lsp_analysis_cancel(s);
	s->pending = true;
	s->due = pf_now() + delay_ms / 1000.0;
}

static char *pf_strdup_abs(const char *p)
{
	return p ? pf_path_absolute(NULL, p) : NULL;
}

/* initializationOptions: buildDir, rules, compilerFlags, delayMs. */
static void pf_init_options(struct pf_lsp_server *s, const json_t *io)
{
	const char *bd = json_string_value(json_object_get(io, "buildDir"));
	if (bd && *bd) {
		free(s->build_dir);
		s->build_dir = pf_strdup_abs(bd);
	}
	const json_t *rules = json_object_get(io, "rules");
	size_t i;
	const json_t *v;
	if (json_is_array(rules)) {
		s->rules = pf_xrealloc(s->rules, (s->nrules + json_array_size(rules) + 1) *
		                                     sizeof(*s->rules));
		json_array_foreach(rules, i, v) if (json_is_string(v)) s->rules[s->nrules++] =
		    pf_strdup_abs(json_string_value(v));
	}
	const json_t *flags = json_object_get(io, "compilerFlags");
	if (json_is_array(flags)) {
		s->flags = pf_xcalloc(json_array_size(flags) + 1, sizeof(*s->flags));
		json_array_foreach(flags, i, v) if (json_is_string(v)) s->flags[s->nflags++] =
		    pf_xstrdup(json_string_value(v));
	}
	const json_t *delay = json_object_get(io, "delayMs");
	if (json_is_integer(delay) && json_integer_value(delay) >= 0 &&
	    json_integer_value(delay) <= 60000)
		s->delay_ms = (int)json_integer_value(delay);
}

static json_t *pf_initialize(struct pf_lsp_server *s, const json_t *params)
{
	/* the root: what a check run from the project's folder sees */
	const char *root_uri = json_string_value(json_object_get(params, "rootUri"));
	const json_t *folders = json_object_get(params, "workspaceFolders");
	if (!root_uri && json_array_size(folders))
		root_uri = json_string_value(json_object_get(json_array_get(folders, 0), "uri"));
	char *root = root_uri ? pf_lsp_uri_to_path(root_uri) : NULL;
	if (!root && json_is_string(json_object_get(params, "rootPath")))
		root = pf_xstrdup(json_string_value(json_object_get(params, "rootPath")));
	if (root && chdir(root) != 0)
		pf_lsp_log(s, 2, "piiflow: cannot enter the workspace folder %s: %s", root,
		           strerror(errno));
	free(root);
	pf_init_options(s, json_object_get(params, "initializationOptions"));
	const json_t *caps = json_object_get(params, "capabilities");
	s->progress =
	    json_is_true(json_object_get(json_object_get(caps, "window"), "workDoneProgress"));
	s->watch_files = json_is_true(json_object_get(
	    json_object_get(json_object_get(caps, "workspace"), "didChangeWatchedFiles"),
	    "dynamicRegistration"));
	return json_pack("{s:{s:{s:b, s:i, s:{s:b}}, s:b, s:{s:[s]}, s:{s:[s]}}, s:{s:s, s:s}}",
	                 "capabilities", "textDocumentSync", "openClose", 1, "change", 1, "save",
	                 "includeText", 0, "hoverProvider", 1, "codeActionProvider",
	                 "codeActionKinds", "quickfix", "executeCommandProvider", "commands",
	                 PF_LSP_SHOW_SOURCE, "serverInfo", "name", PF_TOOL_NAME, "version",
	                 PF_TOOL_VERSION);
}

static const char *pf_doc_uri(const json_t *params)
{
	return json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
}

/* didOpen and didChange: the whole text (full synchronization). */
static void pf_set_text(struct pf_lsp_server *s, const char *uri, const json_t *text, int delay)
{
	if (!uri || !json_is_string(text))
		return;
	if (pf_lsp_docs_set(&s->docs, uri, json_string_value(text), json_string_length(text)))
		pf_schedule(s, delay);
}

static void pf_notification(struct pf_lsp_server *s, const char *method, const json_t *params)
{
	const char *uri = pf_doc_uri(params);
	if (strcmp(method, "exit") == 0) {
		s->exit = true;
	} else if (!s->initialized || s->shutdown) {
		return; /* dropped, as LSP says of notifications before initialize */
	} else if (strcmp(method, "textDocument/didOpen") == 0) {
		pf_set_text(s, uri,
		            json_object_get(json_object_get(params, "textDocument"), "text"), 0);
	} else if (strcmp(method, "textDocument/didChange") == 0) {
		const json_t *changes = json_object_get(params, "contentChanges");
		const json_t *last = json_array_get(changes, json_array_size(changes) - 1);
		pf_set_text(s, uri, json_object_get(last, "text"), s->delay_ms);
	} else if (strcmp(method, "initialized") == 0) {
		/* files changed outside the editor (a checkout, a build's
		 * generated header) drop the held units that read them */
		if (s->watch_files)
			pf_lsp_request(s, "client/registerCapability",
			               json_pack("{s:[{s:s, s:s, s:{s:[{s:s}, {s:s}]}}]}",
			                         "registrations", "id", "piiflow-files", "method",
			                         "workspace/didChangeWatchedFiles",
			                         "registerOptions", "watchers", "globPattern",
			                         "**/*.{c,h}", "globPattern",
			                         "**/compile_commands.json"));
	} else if (strcmp(method, "textDocument/didSave") == 0) {
		char *path = uri ? pf_lsp_uri_to_path(uri) : NULL;
		if (path)
			pf_lsp_analysis_file_changed(s, path);
		free(path);
		pf_schedule(s, 0);
	} else if (strcmp(method, "workspace/didChangeWatchedFiles") == 0) {
		const json_t *changes = json_object_get(params, "changes");
		size_t i;
		const json_t *c;
		json_array_foreach(changes, i, c)
		{
			const char *curi = json_string_value(json_object_get(c, "uri"));
			char *path = curi ? pf_lsp_uri_to_path(curi) : NULL;
			if (path)
				pf_lsp_analysis_file_changed(s, path);
			free(path);
		}
		if (json_array_size(changes))
			pf_schedule(s, s->delay_ms);
	} else if (strcmp(method, "textDocument/didClose") == 0) {
		/* the file on disk is what the program holds again */
		if (pf_lsp_docs_find(&s->docs, uri)) {
			pf_lsp_docs_close(&s->docs, uri);
			pf_schedule(s, s->delay_ms);
		}
	}
}

static void pf_request(struct pf_lsp_server *s, const json_t *id, const char *method,
                       const json_t *params)
{
	if (strcmp(method, "initialize") == 0) {
		if (s->initialized) {
			pf_reply_error(s, id, PF_LSP_INVALID_REQUEST,
			               "initialize was already received");
			return;
		}
		s->initialized = true;
		pf_reply(s, id, pf_initialize(s, params));
		return;
	}
	if (!s->initialized) {
		pf_reply_error(s, id, PF_LSP_SERVER_NOT_INITIALIZED,
		               "the server is not initialized: send initialize first");
		return;
	}
	if (s->shutdown) {
		pf_reply_error(s, id, PF_LSP_INVALID_REQUEST, "the server is shut down: send exit");
		return;
	}
	if (strcmp(method, "shutdown") == 0) {
		s->shutdown = true;
		pf_lsp_analysis_cancel(s);
		s->pending = false;
		pf_reply(s, id, json_null());
	} else if (strcmp(method, "textDocument/codeAction") == 0) {
		pf_reply(s, id, pf_lsp_code_actions(s, params));
	} else if (strcmp(method, "textDocument/hover") == 0) {
		pf_reply(s, id, pf_lsp_hover(s, params));
	} else if (strcmp(method, "workspace/executeCommand") == 0) {
		json_t *err = NULL;
		json_t *res = pf_lsp_execute_command(s, params, &err);
		if (err) {
			pf_lsp_send(s->out, json_pack("{s:O, s:o}", "id", id, "error", err));
		} else {
			pf_reply(s, id, res);
		}
	} else {
		char msg[256];
		snprintf(msg, sizeof(msg), "unknown method '%.150s'", method);
		pf_reply_error(s, id, PF_LSP_METHOD_NOT_FOUND, msg);
	}
}

/* One message off the wire. */
static void pf_dispatch(struct pf_lsp_server *s, const char *body, size_t len)
{
	json_error_t jerr;
	json_t *msg = json_loadb(body, len, JSON_ALLOW_NUL, &jerr);
	if (!msg) {
		char text[512];
		snprintf(text, sizeof(text), "parse error at line %d, column %d: %s", jerr.line,
		         jerr.column, jerr.text);
		pf_reply_error(s, NULL, PF_LSP_PARSE_ERROR, text);
		return;
	}
	const json_t *id = json_object_get(msg, "id");
	const json_t *method = json_object_get(msg, "method");
	bool id_ok = !id || json_is_string(id) || json_is_integer(id);
	if (!json_is_object(msg) || !id_ok || (method && !json_is_string(method)) ||
	    (!method && !id)) {
		pf_reply_error(s, id_ok ? id : NULL, PF_LSP_INVALID_REQUEST,
		               "not a JSON-RPC request: an object with a string 'method' and an "
		               "optional integer or string 'id'");
	} else if (!method) {
		/* a response to one of our requests */
		if (json_is_integer(id))
			pf_lsp_analysis_response(s, json_integer_value(id),
			                         !json_object_get(msg, "error"));
	} else if (id) {
		pf_request(s, id, json_string_value(method), json_object_get(msg, "params"));
	} else {
		pf_notification(s, json_string_value(method), json_object_get(msg, "params"));
	}
	json_decref(msg);
}

static int pf_poll_timeout(const struct pf_lsp_server *s)
{
	if (pf_held_loading(s->held) && !s->shutdown)
		return 0; /* the next held unit, once no message waits */
	if (!s->pending || s->child)
		return -1;
	double wait = s->due - pf_now();
	return wait <= 0 ? 0 : (int)(wait * 1000) + 1;
}

static void pf_server_free(struct pf_lsp_server *s)
{
	pf_lsp_analysis_cancel(s);
	pf_lsp_analysis_standby_end(s);
	if (s->workdir) {
		char path[PATH_MAX + 32];
		snprintf(path, sizeof(path), "%s/report.json", s->workdir);
		unlink(path);
		snprintf(path, sizeof(path), "%s/log.txt", s->workdir);
		unlink(path);
		rmdir(s->workdir);
		free(s->workdir);
	}
	pf_lsp_docs_free(&s->docs);
	pf_held_free(s->held);
	pf_check_inputs_free(s->inputs);
	json_decref(s->report);
	free(s->shown);
	pf_free_strings(s->published, s->npublished);
	pf_free_strings(s->rules, s->nrules);
	pf_free_strings(s->flags, s->nflags);
	free(s->build_dir);
}

int pf_lsp_serve(int in_fd, int out_fd, const struct pf_lsp_options *o)
{
	struct pf_lsp_server s = {.in = in_fd,
	                          .out = out_fd,
	                          .opts = *o,
	                          .child_fd = -1,
	                          .standby_go = -1,
	                          .standby_done = -1};
	s.delay_ms = o->delay_ms >= 0 ? o->delay_ms : PF_LSP_DEFAULT_DELAY_MS;
	s.held = pf_held_new();
	s.inputs = pf_check_inputs_new();
	s.build_dir = pf_strdup_abs(o->build_dir);
	s.rules = pf_xcalloc(o->nrules + 1, sizeof(*s.rules));
	for (size_t i = 0; i < o->nrules; i++)
		s.rules[s.nrules++] = pf_strdup_abs(o->rules_files[i]);
	/* the server enters the workspace folder: paths of the command line
	 * are taken against where it was started */
	char *config = pf_strdup_abs(o->config);
	s.opts.config = config;
	/* a closed client must not kill the server with SIGPIPE mid-write */
	signal(SIGPIPE, SIG_IGN);
	const char *tmp = getenv("TMPDIR");
	char tmpl[PATH_MAX];
	snprintf(tmpl, sizeof(tmpl), "%s/piiflow-lsp.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	s.workdir = mkdtemp(tmpl) ? pf_xstrdup(tmpl) : NULL;
	if (!s.workdir) {
		fprintf(stderr, "piiflow: cannot create a work folder in %s: %s\n",
		        tmp && *tmp ? tmp : "/tmp", strerror(errno));
		pf_server_free(&s);
		free(config);
		return 1;
	}

	struct pf_lsp_reader r = {0};
	bool eof = false;
	while (!s.exit && !eof) {
		struct pollfd fds[2] = {{.fd = s.in, .events = POLLIN},
		                        {.fd = s.child ? s.child_fd : -1, .events = POLLIN}};
		int n = poll(fds, 2, pf_poll_timeout(&s));
		if (n < 0 && errno != EINTR)
			break;
		if (n > 0 && fds[0].revents) {
			ssize_t got = pf_lsp_reader_fill(&r, s.in);
			eof = got <= 0;
			char *body;
			size_t len;
			int k;
			while (!s.exit && (k = pf_lsp_reader_next(&r, &body, &len)) != 0) {
				if (k < 0)
					pf_reply_error(
					    &s, NULL, PF_LSP_PARSE_ERROR,
					    "a message without a valid Content-Length header");
				else
					pf_dispatch(&s, body, len);
				free(body);
			}
		}
		/* the child's end of file (an edit may have ended it just now) */
		if (s.child && n > 0 && fds[1].revents)
			pf_lsp_analysis_finish(&s);
		if (s.pending && !s.child && !s.shutdown && pf_now() >= s.due) {
			s.pending = false;
			pf_lsp_analysis_start(&s);
		} else if (pf_held_loading(s.held) && !s.shutdown && n == 0) {
			pf_lsp_analysis_hold_step(&s);
		}
		pf_lsp_analysis_standby(&s);
	}
	int code = s.exit && s.shutdown ? 0 : 1;
	pf_lsp_reader_free(&r);
	pf_server_free(&s);
	free(config);
	return code;
}
