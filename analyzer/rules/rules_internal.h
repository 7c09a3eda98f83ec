/*
 * What the files of the rules loader share and nobody else needs: the JSON
 * path of the entry being checked, the validator of one parsed document, and
 * the locator that turns a JSON path back into a line and column of the file
 * (jansson forgets positions once a document is parsed, but a user fixing a
 * rules file wants to be pointed at the bad entry).
 */
#ifndef PF_RULES_INTERNAL_H
#define PF_RULES_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "rules.h"

/* One step of a JSON path: an object key, or an array index when key is NULL. */
struct pf_rules_step {
	const char *key;
	size_t index;
};

#define PF_RULES_MAX_DEPTH 8

/* Checks one parsed document and adds its entries to out, which must hold
 * exactly one file (out->files[0], out->packs[0] still NULL) and no entries.
 * text/len is the document's source, used only to locate errors. Returns 0,
 * or -1 with *err filled; out then holds whatever was parsed so far, which the
 * caller frees with pf_rules_free. */
int pf_rules_parse_doc(struct pf_rules *out, json_t *root, const char *text, size_t len,
                       bool shipped, struct pf_rules_error *err);

/* Finds the value at path in a JSON text that jansson has already accepted,
 * or, with at_key and a path ending in a key, the key itself. Sets 1-based
 * *line and *column (in bytes); where the path cannot be followed, the
 * position of the deepest step found. */
void pf_rules_locate(const char *text, size_t len, const struct pf_rules_step *path, size_t depth,
                     bool at_key, int *line, int *column);

#endif
