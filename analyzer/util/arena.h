/*
 * Bump arena: many small allocations freed in one call. The IR of a
 * translation unit and the summaries of a run each live in one arena, so no
 * pass has to track the lifetime of a single node.
 */
#ifndef PF_ARENA_H
#define PF_ARENA_H

#include <stddef.h>

struct pf_arena_block;

struct pf_arena {
	struct pf_arena_block *head;
	size_t used; /* bytes handed out, for statistics */
};

#define PF_ARENA_INIT                                                                              \
	{                                                                                          \
		0                                                                                  \
	}

/* Returns zeroed memory owned by the arena; aborts when memory runs out. */
void *pf_arena_alloc(struct pf_arena *a, size_t size);
/* Copies a string (or the first n bytes of it, NUL-terminated) into the arena. */
char *pf_arena_strdup(struct pf_arena *a, const char *s);
char *pf_arena_strndup(struct pf_arena *a, const char *s, size_t n);
/* printf into arena memory. */
char *pf_arena_printf(struct pf_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Frees every block; the arena may be used again afterwards. */
void pf_arena_release(struct pf_arena *a);

#define PF_NEW(arena, type) ((type *)pf_arena_alloc((arena), sizeof(type)))
#define PF_NEW_N(arena, type, n) ((type *)pf_arena_alloc((arena), sizeof(type) * (n)))

#endif
