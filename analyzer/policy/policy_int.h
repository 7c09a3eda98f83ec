/*
 * What the files of the policy module share and nobody else needs: reading
 * one of the JSON files a user writes or keeps (configuration, baseline,
 * report of an earlier run) into its text, which locates errors, and its
 * parsed document. Internal to analyzer/policy/.
 */
#ifndef PF_POLICY_INT_H
#define PF_POLICY_INT_H

#include <jansson.h>
#include <stddef.h>

#include "util/error.h"

/* Reads the file at path and parses it with jansson's flags. Returns 0 with
 * *text (len bytes, freed by the caller) and *root (json_decref), or -1 with
 * err naming the file: "cannot read WHAT: REASON" or "invalid JSON: ..." at
 * jansson's line and column. */
int pf_policy_read_json(const char *path, const char *what, size_t flags, char **text, size_t *len,
                        json_t **root, struct pf_error *err);

#endif
