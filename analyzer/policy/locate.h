/*
 * What the files of the policy module share and nobody else needs: the JSON
 * path of the value being checked and the locator that turns it back into a
 * line and column. jansson keeps no positions in a parsed document, but a
 * user fixing a config or a baseline by hand wants to be pointed at the bad
 * key. The rules loader has its own copy for its own path type.
 */
#ifndef PF_POLICY_LOCATE_H
#define PF_POLICY_LOCATE_H

#include <stdbool.h>
#include <stddef.h>

#include "policy/config.h"

/* One step of a JSON path: an object key, or an array index when key is NULL. */
struct pf_json_step {
	const char *key;
	size_t index;
};

#define PF_JSON_MAX_DEPTH 8

/* The JSON path being checked, and where errors go. */
struct pf_json_cursor {
	const char *text; /* the document's source, to locate errors */
	size_t len;
	struct pf_policy_error *err;
	struct pf_json_step path[PF_JSON_MAX_DEPTH];
	size_t depth;
};

void pf_json_push_key(struct pf_json_cursor *c, const char *key);
void pf_json_push_index(struct pf_json_cursor *c, size_t index);
void pf_json_pop(struct pf_json_cursor *c);

/* Records an error at the current path in c->err (path, line, column,
 * message); with key, the error is about that key of the current object and
 * points at the key itself. Returns -1. */
int pf_json_fail(struct pf_json_cursor *c, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Starts an error report on file: clears err and names the file. */
void pf_json_error_begin(struct pf_policy_error *err, const char *file);

/* Reads a whole file into a NUL-terminated heap buffer. 0, or -1 with errno. */
int pf_policy_read_file(const char *path, char **text, size_t *len);

#endif
