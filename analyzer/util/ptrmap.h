/*
 * Pointer-keyed hash map (open addressing): caches from a pointer (a clang
 * type, a file, an IR object) to a value. Keys are never NULL. The map owns
 * only its arrays; pf_ptrmap_free releases them.
 */
#ifndef PF_PTRMAP_H
#define PF_PTRMAP_H

#include <stddef.h>

struct pf_ptrmap {
	const void **keys;
	void **vals;
	size_t cap, n;
};

void *pf_ptrmap_get(const struct pf_ptrmap *m, const void *key);
void pf_ptrmap_put(struct pf_ptrmap *m, const void *key, void *val);
void pf_ptrmap_free(struct pf_ptrmap *m);

#endif
