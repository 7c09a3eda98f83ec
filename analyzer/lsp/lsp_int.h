/*
 * What the language server's files share: the server's state, the framing
 * of JSON-RPC messages, URIs, open documents, the analysis child, and the
 * builders of diagnostics, code actions and hovers. Private to lsp/.
 */
#ifndef PF_LSP_INT_H
#define PF_LSP_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include <jansson.h>

#include "lsp/lsp.h"

struct pf_held;
struct pf_check_inputs;
#include "util/xalloc.h"

/* Limits of the server (mirrored in docs/editors.md). A message larger than
 * PF_LSP_MAX_MESSAGE bytes, or a header block that does not end within
 * PF_LSP_MAX_HEADER bytes, is refused with a parse error. */
#define PF_LSP_MAX_MESSAGE (256LL << 20)
#define PF_LSP_MAX_HEADER 8192
/* The pause after the last edit before the program is analyzed again. */
#define PF_LSP_DEFAULT_DELAY_MS 300

/* JSON-RPC 2.0 and LSP error codes. */
#define PF_LSP_PARSE_ERROR (-32700)
#define PF_LSP_INVALID_REQUEST (-32600)
#define PF_LSP_METHOD_NOT_FOUND (-32601)
#define PF_LSP_INVALID_PARAMS (-32602)
#define PF_LSP_SERVER_NOT_INITIALIZED (-32002)

/* ---- framing (rpc.c) ----------------------------------------------------- */

struct pf_lsp_reader {
	char *buf;
	size_t len, cap;
};

/* Appends what fd has now (one read). Returns the bytes read, 0 at the end
 * of the input, -1 on a read error. */
ssize_t pf_lsp_reader_fill(struct pf_lsp_reader *r, int fd);
/* Takes the next whole message off the buffer: 1 with *body (NUL-terminated,
 * the caller frees) and *len; 0 when none is complete yet; -1 when a header
 * block has no valid Content-Length (the block is dropped, *body is NULL). */
int pf_lsp_reader_next(struct pf_lsp_reader *r, char **body, size_t *len);
void pf_lsp_reader_free(struct pf_lsp_reader *r);
/* Writes all n bytes of buf to fd (through EINTR): 0, or -1. */
int pf_lsp_write_all(int fd, const void *buf, size_t n);
/* Writes msg framed with its Content-Length and takes the reference.
 * Returns 0, or -1 when the client is gone. */
int pf_lsp_send(int fd, json_t *msg);

/* ---- URIs (uri.c) -------------------------------------------------------- */

/* The path of a file:// URI, percent-decoded, or NULL for another scheme. */
char *pf_lsp_uri_to_path(const char *uri);
/* The file:// URI of a path (made absolute against the cwd). */
char *pf_lsp_path_to_uri(const char *path);

/* ---- open documents (documents.c) ---------------------------------------- */

struct pf_lsp_doc {
	char *uri;
	char *path; /* absolute, symbolic links resolved when the file exists */
	char *text;
	size_t len;
};

struct pf_lsp_docs {
	struct pf_lsp_doc *v;
	size_t n, cap;
};

struct pf_lsp_doc *pf_lsp_docs_find(struct pf_lsp_docs *d, const char *uri);
/* Opens or replaces the text of uri. Returns NULL when uri is not a file. */
struct pf_lsp_doc *pf_lsp_docs_set(struct pf_lsp_docs *d, const char *uri, const char *text,
                                   size_t len);
void pf_lsp_docs_close(struct pf_lsp_docs *d, const char *uri);
void pf_lsp_docs_free(struct pf_lsp_docs *d);
/* The text of line (from 0) of doc, and its length, or NULL past the end. */
const char *pf_lsp_doc_line(const struct pf_lsp_doc *doc, unsigned line, size_t *len);
/* A byte column (from 1) of a line as an LSP character offset (UTF-16). */
unsigned pf_lsp_doc_character(const struct pf_lsp_doc *doc, unsigned line, unsigned column);

/* ---- the server (server.c) ----------------------------------------------- */

struct pf_lsp_server {
	int in, out;
	struct pf_lsp_options opts;
	char *build_dir; /* absolute, or NULL */
	char **rules;    /* owned copies of the rules files */
	size_t nrules;
	char **flags; /* compiler flags when there is no compile database */
	size_t nflags;
	int delay_ms;
	bool initialized, shutdown, exit;
	struct pf_lsp_docs docs;
	/* analysis */
	bool pending;     /* an analysis is due at `due` */
	double due;       /* monotonic seconds */
	pid_t child;      /* 0: none running */
	int child_fd;     /* read end of a pipe the child holds open */
	char *workdir;    /* the child's report and log */
	json_t *report;   /* the last report (JSON schema 1), or NULL */
	char **published; /* URIs with diagnostics published last */
	size_t npublished;
	json_int_t next_id;     /* of requests to the client */
	bool progress;          /* the client takes work done progress */
	json_int_t progress_id; /* of our window/workDoneProgress/create, or 0 */
	bool progress_ready;    /* the client answered it */
	bool progress_begun;    /* a begin was sent and no end yet */
	char *shown;            /* the last error shown to the user, or NULL */
	struct pf_held *held;   /* the program's units held in memory */
	/* the config, rules and compile database, read again when they change */
	struct pf_check_inputs *inputs;
	/* the next analysis's child, forked ahead (analysis.c): 0 when none */
	pid_t standby;
	int standby_go;   /* write end: the open documents, and it runs */
	int standby_done; /* read end of a pipe the standby holds open */
	bool watch_files; /* the client registers file watchers on request */
};

#define PF_LSP_PROGRESS_TOKEN "piiflow-analysis"

/* ---- the analysis child (analysis.c) ------------------------------------- */

/* Starts a check of the program with the open documents as unsaved files.
 * Returns 0, or -1 (logged to the client) when no child could be made. */
int pf_lsp_analysis_start(struct pf_lsp_server *s);
/* Ends a running child and forgets its result. */
void pf_lsp_analysis_cancel(struct pf_lsp_server *s);
/* The client answered a request of ours: the token of the progress may be
 * used from now on. */
void pf_lsp_analysis_response(struct pf_lsp_server *s, json_int_t id, bool ok);
/* Called when child_fd is readable (the child ended): reaps it and, when it
 * wrote a report, makes it s->report and publishes the diagnostics, and
 * starts loading the units not held yet. */
void pf_lsp_analysis_finish(struct pf_lsp_server *s);
/* Loads one more held unit while a pass runs (between messages); logs the
 * count when the pass ends. */
void pf_lsp_analysis_hold_step(struct pf_lsp_server *s);
/* Forks the standby when the server is idle and holds the program, and
 * there is none: a child that reads every page of its memory meanwhile and
 * runs the next analysis when pf_lsp_analysis_start hands it the open
 * documents. */
void pf_lsp_analysis_standby(struct pf_lsp_server *s);
/* Ends the standby (what it holds is outdated, or the server stops). */
void pf_lsp_analysis_standby_end(struct pf_lsp_server *s);
/* A file changed on disk (saved, or seen by the client's watcher): the held
 * units that read it are dropped. */
void pf_lsp_analysis_file_changed(struct pf_lsp_server *s, const char *path);

/* ---- messages to the client (server.c) ----------------------------------- */

void pf_lsp_notify(struct pf_lsp_server *s, const char *method, json_t *params);
/* Sends a request and returns its id. */
json_int_t pf_lsp_request(struct pf_lsp_server *s, const char *method, json_t *params);
/* window/logMessage of type 1 (error) to 4 (log). */
void pf_lsp_log(struct pf_lsp_server *s, int type, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- diagnostics (diagnostics.c) ----------------------------------------- */

/* Publishes the diagnostics of s->report: every file with one, and an empty
 * list for every file that had some before and has none now. */
void pf_lsp_publish(struct pf_lsp_server *s);
/* The LSP range of a report position {file, line, column} (file may be NULL:
 * the position's own), extended over the identifier that starts there. */
json_t *pf_lsp_range(struct pf_lsp_server *s, const json_t *pos);
/* The URI of a report position's file, relative to the cwd when relative. */
char *pf_lsp_pos_uri(const json_t *pos);

/* ---- code actions, commands and hovers (features.c) ---------------------- */

json_t *pf_lsp_code_actions(struct pf_lsp_server *s, const json_t *params);
json_t *pf_lsp_execute_command(struct pf_lsp_server *s, const json_t *params, json_t **error);
json_t *pf_lsp_hover(struct pf_lsp_server *s, const json_t *params);

#define PF_LSP_SHOW_SOURCE "piiflow.showSource"

#endif
