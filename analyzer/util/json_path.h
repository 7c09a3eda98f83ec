/*
 * JSON paths and positions, for the loaders that check a document after
 * jansson has parsed it (rules, configuration, baseline). jansson keeps no
 * positions in a parsed document, but a user fixing a file by hand wants to
 * be pointed at the bad key: the loaders keep the path of the value being
 * checked in a cursor, and an error at it is rendered as a JSON path
 * ("sinks[2].args[0]", "policy[\"user.name\"]") and located back to a line
 * and column in the text.
 */
#ifndef PF_JSON_PATH_H
#define PF_JSON_PATH_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

/* One step of a JSON path: an object key, or an array index when key is NULL. */
struct pf_json_step {
	const char *key;
	size_t index;
};

#define PF_JSON_MAX_DEPTH 8

/* The path of the value being checked, and where errors go. */
struct pf_json_cursor {
	const char *text; /* the document's source, to locate errors */
	size_t len;
	struct pf_error *err;
	struct pf_json_step path[PF_JSON_MAX_DEPTH];
	size_t depth;
	/* an error about a key: the path names the key ("policy.analytics"), or
	 * stops at its object ("sinks[1]"), as rules files have always said */
	bool key_in_path;
};

void pf_json_push_key(struct pf_json_cursor *c, const char *key);
void pf_json_push_index(struct pf_json_cursor *c, size_t index);
void pf_json_pop(struct pf_json_cursor *c);

/* Records an error at the current path in c->err (path, line, column,
 * text); with key, the error is about that key of the current object and
 * points at the key itself. Returns -1. */
int pf_json_fail(struct pf_json_cursor *c, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int pf_json_vfail(struct pf_json_cursor *c, const char *key, const char *fmt, va_list ap);

/* Writes path as "a.b[2]" (keys that are not plain words as ["a.b"]). */
void pf_json_path_render(const struct pf_json_step *path, size_t depth, char *buf, size_t size);

/* Parses a path rendered so back into steps whose keys point into keys[];
 * returns the depth (at most PF_JSON_MAX_DEPTH). */
size_t pf_json_path_parse(const char *s, struct pf_json_step *path, char keys[][128]);

/* Finds the value at path in a JSON text that jansson has already accepted,
 * or, with at_key and a path ending in a key, the key itself. Sets 1-based
 * *line and *column (in bytes); where the path cannot be followed (a key
 * written with unusual escapes), the position of the deepest step found,
 * which is still the right neighbourhood. */
void pf_json_locate(const char *text, size_t len, const struct pf_json_step *path, size_t depth,
                    bool at_key, int *line, int *column);

#endif
