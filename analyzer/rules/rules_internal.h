/*
 * What the files of the rules loader share and nobody else needs: the
 * validator of one parsed document (JSON paths and positions of its errors:
 * util/json_path.h) and the look-up of an entry by name.
 */
#ifndef PF_RULES_INTERNAL_H
#define PF_RULES_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "rules.h"
#include "util/json_path.h"

/* Checks one parsed document and adds its entries to out, which must hold
 * exactly one file (out->files[0], out->packs[0] still NULL) and no entries.
 * text/len is the document's source, used only to locate errors. Returns 0,
 * or -1 with *err filled; out then holds whatever was parsed so far, which the
 * caller frees with pf_rules_free. */
int pf_rules_parse_doc(struct pf_rules *out, json_t *root, const char *text, size_t len,
                       bool shipped, struct pf_error *err);

/* The first of the n entries at v, each size bytes, whose name (the char *
 * at offset name) is the string name, or NULL. */
const void *pf_rules_find_named(const void *v, size_t n, size_t size, size_t name, const char *s);

#endif
