/* String interning with open addressing over xxHash values. */
#include "util/intern.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "util/xalloc.h"

void pf_intern_init(struct pf_intern *in)
{
	memset(in, 0, sizeof(*in));
}

void pf_intern_release(struct pf_intern *in)
{
	pf_arena_release(&in->arena);
	free(in->slots);
	memset(in, 0, sizeof(*in));
}

static void pf_intern_grow(struct pf_intern *in)
{
	size_t ncap = in->cap ? in->cap * 2 : 256;
	const char **ns = pf_xcalloc(ncap, sizeof(*ns));
	for (size_t i = 0; i < in->cap; i++) {
		const char *s = in->slots[i];
		if (!s)
			continue;
		size_t h = (size_t)XXH3_64bits(s, strlen(s)) & (ncap - 1);
		while (ns[h])
			h = (h + 1) & (ncap - 1);
		ns[h] = s;
	}
	free(in->slots);
	in->slots = ns;
	in->cap = ncap;
}

const char *pf_intern_n(struct pf_intern *in, const char *s, size_t len)
{
	if ((in->n + 1) * 2 > in->cap)
		pf_intern_grow(in);
	size_t h = (size_t)XXH3_64bits(s, len) & (in->cap - 1);
	while (in->slots[h]) {
		const char *t = in->slots[h];
		if (strncmp(t, s, len) == 0 && t[len] == '\0')
			return t;
		h = (h + 1) & (in->cap - 1);
	}
	char *copy = pf_arena_strndup(&in->arena, s, len);
	in->slots[h] = copy;
	in->n++;
	return copy;
}

const char *pf_intern(struct pf_intern *in, const char *s)
{
	return pf_intern_n(in, s, strlen(s));
}
