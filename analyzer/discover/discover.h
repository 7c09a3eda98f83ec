/*
 * `piiflow discover`: suggested PII(...) annotations for the declarations of
 * a program that carry none, from the inventory that lowering records in the
 * IR (names, types, positions) and the name classifier. The suggestions are
 * written as compiler-style notes, as a rules file of sources (no edit of
 * the code needed) or as a patch that adds the annotations.
 */
#ifndef PF_DISCOVER_H
#define PF_DISCOVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "discover/classify.h"
#include "ir/ir.h"
#include "rules/rules.h"

struct pf_suggestion {
	const struct pf_ir_decl *decl; /* in one of the TUs: they must outlive this */
	struct pf_guess guess;
};

struct pf_discovery {
	struct pf_suggestion *v; /* sorted by file, line, column, name; unique */
	size_t n;
	size_t declarations; /* unannotated declarations looked at */
	size_t annotated;    /* declarations already marked */
};

/* Classifies every unannotated declaration of tus[0..ntus) (one per
 * position; a global, function or field that any unit annotates counts as
 * annotated everywhere, as does one that an entry of rules names; rules
 * may be NULL). */
void pf_discover_run(struct pf_discovery *d, struct pf_ir_tu **tus, size_t ntus,
                     const struct pf_rules *rules);
void pf_discover_free(struct pf_discovery *d);

/* The formats: compiler-style notes with a closing count; a rules file of
 * sources (fields as "record.field", globals, functions' return values;
 * parameters have no rules form and are left out); a unified diff that adds
 * PII(category) (and #include <piiflow.h> where the file lacks it), against
 * the files as they are on disk, for `patch -p1` from the working directory.
 * Each returns 0, or -1 when writing failed (errno set) or, for the patch, a
 * file could not be read (a message on stderr). */
int pf_discover_write_text(FILE *out, const struct pf_discovery *d);
int pf_discover_write_rules(FILE *out, const struct pf_discovery *d);
int pf_discover_write_patch(FILE *out, const struct pf_discovery *d);

#endif
