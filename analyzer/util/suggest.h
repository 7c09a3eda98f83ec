/*
 * "Did you mean": the distance between a misspelt name and a known one, and
 * the known name a typo most likely meant, for the messages of every loader
 * (rules files, configuration keys, categories of the taxonomy).
 */
#ifndef PF_SUGGEST_H
#define PF_SUGGEST_H

#include <stddef.h>

/* Edit distance with adjacent transpositions, ignoring ASCII case: "arg" is
 * one edit from "args", "form" one from "from", "EMAIL" none from "email". */
size_t pf_edit_distance(const char *a, const char *b);

/* The entry of the NULL-terminated list known that key most likely meant,
 * or NULL: one edit away (two for names of six letters or more), or a
 * prefix of at least three letters ("ret" for "return"); the nearest wins,
 * the first of equals. A key that is in the list is its own answer. */
const char *pf_did_you_mean(const char *key, const char *const *known);

#endif
