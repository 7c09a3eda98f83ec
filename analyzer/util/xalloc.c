/* Allocation wrappers that turn out-of-memory into one clear message. */
#include "xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void pf_oom(size_t size)
{
	fprintf(stderr, "piiflow: out of memory (requested %zu bytes)\n", size);
	exit(2);
}

void *pf_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		pf_oom(size);
	return p;
}

void *pf_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		pf_oom(n * size);
	return p;
}

void *pf_xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);
	if (!q)
		pf_oom(size);
	return q;
}

char *pf_xstrdup(const char *s)
{
	char *d = strdup(s ? s : "");
	if (!d)
		pf_oom(strlen(s));
	return d;
}

char *pf_xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	size_t size = n > 0 ? (size_t)n + 1 : 1;
	char *s = pf_xmalloc(size);
	va_start(ap, fmt);
	vsnprintf(s, size, fmt, ap);
	va_end(ap);
	return s;
}

void *pf_xgrow(void **v, size_t *n, size_t *cap, size_t size)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*v = pf_xrealloc(*v, *cap * size);
	}
	char *slot = (char *)*v + (*n)++ * size;
	memset(slot, 0, size);
	return slot;
}

void pf_free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
