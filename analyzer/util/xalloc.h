/*
 * Allocation that cannot fail: an analyzer out of memory cannot report
 * anything true, so it says so and exits with the input-error code.
 */
#ifndef PF_XALLOC_H
#define PF_XALLOC_H

#include <stddef.h>

void *pf_xmalloc(size_t size);
void *pf_xcalloc(size_t n, size_t size);
void *pf_xrealloc(void *p, size_t size);
char *pf_xstrdup(const char *s);
/* printf into a fresh heap string, which the caller frees. */
char *pf_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Appends one zeroed slot of size bytes to the array *v of *n elements and
 * *cap slots, growing it as needed, and returns the slot. */
void *pf_xgrow(void **v, size_t *n, size_t *cap, size_t size);
/* Frees the n strings of v, then v. */
void pf_free_strings(char **v, size_t n);

/* Growable array: struct { T *v; size_t n, cap; }. */
#define PF_VEC(T)                                                                                  \
	struct {                                                                                   \
		T *v;                                                                              \
		size_t n, cap;                                                                     \
	}
#define PF_VEC_PUSH(vec, item)                                                                     \
	do {                                                                                       \
		if ((vec).n == (vec).cap) {                                                        \
			(vec).cap = (vec).cap ? (vec).cap * 2 : 8;                                 \
			(vec).v = pf_xrealloc((vec).v, (vec).cap * sizeof(*(vec).v));              \
		}                                                                                  \
		(vec).v[(vec).n++] = (item);                                                       \
	} while (0)
#define PF_VEC_FREE(vec)                                                                           \
	do {                                                                                       \
		free((vec).v);                                                                     \
		(vec).v = NULL;                                                                    \
		(vec).n = (vec).cap = 0;                                                           \
	} while (0)

#endif
