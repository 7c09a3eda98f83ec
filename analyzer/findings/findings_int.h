/*
 * What the files of the findings module share and nobody else needs: how
 * each element of a report is released (the model's files own them, the
 * orders in order.c drop duplicates) and the order of positions.
 */
#ifndef PF_FINDINGS_INT_H
#define PF_FINDINGS_INT_H

#include <stddef.h>

/* Free what one element of the report owns (the element itself is not). */
void pf_finding_release(void *finding);
void pf_diagnostic_release(void *diagnostic);
void pf_source_decl_release(void *source);
void pf_consent_decl_release(void *consent);

/* Releases each of the n elements of v (size bytes each), then frees v. */
void pf_release_array(void *v, size_t n, size_t size, void (*release)(void *));

/* Orders two struct pf_pos by file (NULL first), line and column. */
int pf_field_pos(const void *a, const void *b);

#endif
