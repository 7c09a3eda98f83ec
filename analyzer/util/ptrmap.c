/* Pointer-keyed open-addressing hash map with a multiplicative mix. */
#include "util/ptrmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static size_t pf_ptr_hash(const void *p, size_t cap)
{
	uint64_t x = (uint64_t)(uintptr_t)p;
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return (size_t)x & (cap - 1);
}

void *pf_ptrmap_get(const struct pf_ptrmap *m, const void *key)
{
	if (!m->cap)
		return NULL;
	for (size_t i = pf_ptr_hash(key, m->cap);; i = (i + 1) & (m->cap - 1)) {
		if (m->keys[i] == key)
			return m->vals[i];
		if (!m->keys[i])
			return NULL;
	}
}

void pf_ptrmap_put(struct pf_ptrmap *m, const void *key, void *val)
{
	if ((m->n + 1) * 2 > m->cap) {
		struct pf_ptrmap old = *m;
		m->cap = old.cap ? old.cap * 2 : 64;
		m->keys = pf_xcalloc(m->cap, sizeof(*m->keys));
		m->vals = pf_xcalloc(m->cap, sizeof(*m->vals));
		m->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.keys[i])
				pf_ptrmap_put(m, old.keys[i], old.vals[i]);
		free(old.keys);
		free(old.vals);
	}
	size_t i = pf_ptr_hash(key, m->cap);
	while (m->keys[i] && m->keys[i] != key)
		i = (i + 1) & (m->cap - 1);
	if (!m->keys[i])
		m->n++;
	m->keys[i] = key;
	m->vals[i] = val;
}

void pf_ptrmap_free(struct pf_ptrmap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}
