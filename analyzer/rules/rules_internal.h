/*
 * What the files of the rules loader share and nobody else needs: the
 * validator of one parsed document (JSON paths and positions of its errors:
 * util/json_path.h).
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

#endif
