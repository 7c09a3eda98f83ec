/*
 * The documents the client has open, with the text it last sent (full
 * synchronization: every didChange carries the whole buffer). They are the
 * unsaved files of each analysis, and the text that ranges are measured in.
 */
#include "lsp/lsp_int.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

struct pf_lsp_doc *pf_lsp_docs_find(struct pf_lsp_docs *d, const char *uri)
{
	for (size_t i = 0; uri && i < d->n; i++)
		if (strcmp(d->v[i].uri, uri) == 0)
			return &d->v[i];
	return NULL;
}

struct pf_lsp_doc *pf_lsp_docs_set(struct pf_lsp_docs *d, const char *uri, const char *text,
                                   size_t len)
{
	struct pf_lsp_doc *doc = pf_lsp_docs_find(d, uri);
	if (!doc) {
		char *path = pf_lsp_uri_to_path(uri);
		if (!path)
			return NULL;
		char buf[PATH_MAX];
		if (realpath(path, buf)) {
			free(path);
			path = pf_xstrdup(buf);
		}
		if (d->n == d->cap) {
			d->cap = d->cap ? d->cap * 2 : 8;
			d->v = pf_xrealloc(d->v, d->cap * sizeof(*d->v));
		}
		doc = &d->v[d->n++];
		*doc = (struct pf_lsp_doc){.uri = pf_xstrdup(uri), .path = path};
	}
	free(doc->text);
	doc->text = pf_xmalloc(len + 1);
	memcpy(doc->text, text, len);
	doc->text[len] = '\0';
	doc->len = len;
	return doc;
}

static void pf_doc_free(struct pf_lsp_doc *doc)
{
	free(doc->uri);
	free(doc->path);
	free(doc->text);
}

void pf_lsp_docs_close(struct pf_lsp_docs *d, const char *uri)
{
	struct pf_lsp_doc *doc = pf_lsp_docs_find(d, uri);
	if (!doc)
		return;
	pf_doc_free(doc);
	size_t i = (size_t)(doc - d->v);
	memmove(&d->v[i], &d->v[i + 1], (d->n - i - 1) * sizeof(*d->v));
	d->n--;
}

void pf_lsp_docs_free(struct pf_lsp_docs *d)
{
	for (size_t i = 0; i < d->n; i++)
		pf_doc_free(&d->v[i]);
	free(d->v);
	*d = (struct pf_lsp_docs){0};
}

const char *pf_lsp_doc_line(const struct pf_lsp_doc *doc, unsigned line, size_t *len)
{
	const char *p = doc->text, *end = doc->text + doc->len;
	for (unsigned l = 0; l < line; l++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return NULL;
		p = nl + 1;
	}
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	*len = (size_t)((nl ? nl : end) - p);
	if (*len && p[*len - 1] == '\r')
		(*len)--;
	return p;
}

unsigned pf_lsp_doc_character(const struct pf_lsp_doc *doc, unsigned line, unsigned column)
{
	size_t len;
	const char *p = doc ? pf_lsp_doc_line(doc, line, &len) : NULL;
	if (!p || column == 0)
		return column ? column - 1 : 0;
	size_t bytes = column - 1 < len ? column - 1 : len;
	unsigned units = 0;
	for (size_t i = 0; i < bytes; i++) {
		unsigned char c = (unsigned char)p[i];
		if ((c & 0xC0) == 0x80)
			continue;           /* a continuation byte */
		units += c >= 0xF0 ? 2 : 1; /* four bytes: a surrogate pair */
	}
	return units;
}
