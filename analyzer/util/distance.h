/*
 * Edit distance for "did you mean": every loader that rejects a name a user
 * wrote (a config key, a category, a rules key, a parameter, a path)
 * suggests the nearest one it knows, measured the same way.
 */
#ifndef PF_DISTANCE_H
#define PF_DISTANCE_H

#include <stddef.h>

/* The optimal string alignment distance of a and b (insertions, deletions,
 * substitutions and swaps of adjacent characters), ignoring ASCII case. */
size_t pf_edit_distance(const char *a, const char *b);

#endif
