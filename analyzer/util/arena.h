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
	struct pf_arena_block *spare; /* blocks kept by pf_arena_reset, for reuse */
	size_t used;                  /* bytes handed out, for statistics */
	size_t reserved;              /* bytes of the blocks it holds, spare ones included */
};

#define PF_ARENA_INIT                                                                              \
	{                                                                                          \
		0                                                                                  \
	}

/* Returns zeroed memory owned by the arena; aborts when memory runs out. */
void *pf_arena_alloc(struct pf_arena *a, size_t size);
/* pf_arena_alloc without the zeroing, for memory the caller fills. */
void *pf_arena_alloc_uninit(struct pf_arena *a, size_t size);
/* Copies a string (or the first n bytes of it, NUL-terminated) into the arena. */
char *pf_arena_strdup(struct pf_arena *a, const char *s);
char *pf_arena_strndup(struct pf_arena *a, const char *s, size_t n);
/* printf into arena memory. */
char *pf_arena_printf(struct pf_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Frees every block; the arena may be used again afterwards. */
void pf_arena_release(struct pf_arena *a);
/* Forgets every allocation but keeps the blocks for the next ones: a
 * scratch arena emptied many times (once per block of a function the
 * engine visits) then costs neither malloc and free nor fresh pages each
 * time. */
void pf_arena_reset(struct pf_arena *a);

#define PF_NEW(arena, type) ((type *)pf_arena_alloc((arena), sizeof(type)))
#define PF_NEW_N(arena, type, n) ((type *)pf_arena_alloc((arena), sizeof(type) * (n)))

#endif
