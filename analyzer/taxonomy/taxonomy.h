/*
 * The data-category vocabulary of PII(category): fideslang's keys (CC BY 4.0,
 * Ethyca) plus piiflow's extensions, loaded from rules/taxonomy.csv. A key
 * covers its children: user.contact covers user.contact.email.
 */
#ifndef PF_TAXONOMY_H
#define PF_TAXONOMY_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

struct pf_taxonomy {
	char **keys; /* sorted, owned */
	size_t nkeys;
};

void pf_taxonomy_init(struct pf_taxonomy *t);
void pf_taxonomy_free(struct pf_taxonomy *t);

/* Reads the fides_key column of a fideslang-style CSV (header line first,
 * its first column "fides_key"; the root row "data_category" is skipped) and
 * adds the keys to t. Returns 0, or -1 with the file, line and text in err; on
 * error t is unchanged. A key listed twice in one file is an error. */
int pf_taxonomy_load(struct pf_taxonomy *t, const char *path, struct pf_error *err);

/* The same for a CSV text already in memory (len bytes, no NUL needed);
 * path names it in messages. */
int pf_taxonomy_load_buffer(struct pf_taxonomy *t, const char *path, const char *text, size_t len,
                            struct pf_error *err);

/* True when key is a known category. */
bool pf_taxonomy_known(const struct pf_taxonomy *t, const char *key);

/* The known key nearest to an unknown one (edit distance over the dotted
 * path, preferring keys with the same last segment), or NULL if none or the
 * key is longer than 256 bytes. */
const char *pf_taxonomy_nearest(const struct pf_taxonomy *t, const char *key);

/* True when category `child` equals `parent` or lies below it. */
bool pf_category_covers(const char *parent, const char *child);

#endif
