/*
 * `piiflow lsp`: a Language Server (LSP 3.17, JSON-RPC over stdio) that runs
 * the check of the driver on the open buffers and publishes each finding at
 * its sink, with the trace as related information, code actions to allow a
 * flow or go to its source, and hovers on sources. It sits on top of the
 * driver, like main.c: every analysis is a `piiflow check` run in a child
 * process, so that a crash or a hang there never takes the server down and
 * outdated work is cancelled by ending the child. Between analyses the server
 * holds the IR of the program's units in memory (driver/held.h), and each
 * child, forked with it, parses only the units whose text changed.
 */
#ifndef PF_LSP_H
#define PF_LSP_H

#include <stdbool.h>
#include <stddef.h>

struct pf_lsp_options {
	const char *build_dir; /* -p; initializationOptions.buildDir wins */
	const char *config;    /* --config */
	bool no_config;        /* --no-config */
	char **rules_files;    /* --rules */
	size_t nrules;
	bool no_default_rules;
	int delay_ms; /* pause after an edit before analyzing; -1: the default */
};

/* Serves one client on in_fd/out_fd until `exit` or the end of the input.
 * Returns the process exit code: 0 after shutdown then exit, 1 otherwise
 * (LSP 3.17, "exit"). */
int pf_lsp_serve(int in_fd, int out_fd, const struct pf_lsp_options *o);

#endif
