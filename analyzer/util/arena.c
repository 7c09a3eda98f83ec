/*
 * Bump arena. Blocks grow geometrically; a request larger than a block gets a
 * block of its own, so huge strings never waste the rest of a block.
 */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct pf_arena_block {
	struct pf_arena_block *next;
	size_t size;
	size_t pos;
	_Alignas(max_align_t) unsigned char data[];
};

#define PF_ARENA_MIN_BLOCK (64 * 1024)

/* A block with room for size bytes from the spare ones, or NULL. */
static struct pf_arena_block *pf_arena_take_spare(struct pf_arena *a, size_t size)
{
	for (struct pf_arena_block **at = &a->spare; *at; at = &(*at)->next)
		if ((*at)->size >= size) {
			struct pf_arena_block *b = *at;
			*at = b->next;
			b->pos = 0;
			return b;
		}
	return NULL;
}

void *pf_arena_alloc_uninit(struct pf_arena *a, size_t size)
{
	const size_t align = _Alignof(max_align_t);
	size = (size + align - 1) & ~(align - 1);
	if (size == 0)
		size = align;
	struct pf_arena_block *b = a->head;
	if (!b || b->size - b->pos < size) {
		struct pf_arena_block *nb = pf_arena_take_spare(a, size);
		size_t want = b ? b->size * 2 : PF_ARENA_MIN_BLOCK;
		if (want > 16 * 1024 * 1024)
			want = 16 * 1024 * 1024;
		if (want < size)
			want = size;
		if (!nb) {
			nb = pf_xmalloc(sizeof(*nb) + want);
			nb->size = want;
			nb->pos = 0;
			a->reserved += want;
		}
		if (b && nb->size == size && b->size - b->pos > size / 4) {
			/* keep filling the current block; put the big one behind it */
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			a->head = nb;
		}
		b = nb;
	}
	void *p = b->data + b->pos;
	b->pos += size;
	a->used += size;
	return p;
}

void *pf_arena_alloc(struct pf_arena *a, size_t size)
{
	void *p = pf_arena_alloc_uninit(a, size);
	memset(p, 0, size);
	return p;
}

char *pf_arena_strndup(struct pf_arena *a, const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *d = pf_arena_alloc(a, len + 1);
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

char *pf_arena_strdup(struct pf_arena *a, const char *s)
{
	size_t len = strlen(s);
	char *d = pf_arena_alloc(a, len + 1);
	memcpy(d, s, len + 1);
	return d;
}

char *pf_arena_printf(struct pf_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	char *d = pf_arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(d, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return d;
}

static void pf_arena_free_blocks(struct pf_arena_block *b)
{
	while (b) {
		struct pf_arena_block *next = b->next;
		free(b);
		b = next;
	}
}

void pf_arena_release(struct pf_arena *a)
{
	pf_arena_free_blocks(a->head);
	pf_arena_free_blocks(a->spare);
	a->head = NULL;
	a->spare = NULL;
	a->used = 0;
	a->reserved = 0;
}

void pf_arena_reset(struct pf_arena *a)
{
	while (a->head) {
		struct pf_arena_block *b = a->head;
		a->head = b->next;
		b->next = a->spare;
		a->spare = b;
	}
	a->used = 0;
}
