/*
 * String interning: equal strings become one pointer, so paths and names
 * compare with ==. Hashing is xxHash's. An interner owns its strings.
 */
#ifndef PF_INTERN_H
#define PF_INTERN_H

#include <stddef.h>

#include "util/arena.h"

struct pf_intern {
	struct pf_arena arena;
	const char **slots;
	size_t cap, n;
};

void pf_intern_init(struct pf_intern *in);
void pf_intern_release(struct pf_intern *in);
const char *pf_intern(struct pf_intern *in, const char *s);
const char *pf_intern_n(struct pf_intern *in, const char *s, size_t len);

#endif
