/*
 * The base protocol of LSP: messages are a header block ("Content-Length:
 * N", other fields ignored, each line ended by CRLF, the block by an empty
 * line) and N bytes of JSON. The reader keeps what arrived and hands out
 * whole messages, so the server's loop never waits on a half message.
 */
#include "lsp/lsp_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

ssize_t pf_lsp_reader_fill(struct pf_lsp_reader *r, int fd)
{
	if (r->cap - r->len < 65536) {
		r->cap = r->cap ? r->cap * 2 : 131072;
		r->buf = pf_xrealloc(r->buf, r->cap);
	}
	ssize_t n;
	do
		n = read(fd, r->buf + r->len, r->cap - r->len - 1);
	while (n < 0 && errno == EINTR);
	if (n > 0)
		r->len += (size_t)n;
	return n;
}

static void pf_reader_drop(struct pf_lsp_reader *r, size_t n)
{
	memmove(r->buf, r->buf + n, r->len - n);
	r->len -= n;
}

/* The end of the header block at the start of buf (just past the empty
 * line), or 0 when it has not all arrived. */
static size_t pf_header_end(const char *buf, size_t len)
{
	for (size_t i = 0; i + 3 < len; i++)
		if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' &&
		    buf[i + 3] == '\n')
			return i + 4;
	return 0;
}

/* The value of Content-Length in the header block, or -1. */
static long long pf_content_length(const char *buf, size_t hlen)
{
	static const char key[] = "Content-Length:";
	size_t klen = sizeof(key) - 1;
	for (size_t i = 0; i < hlen;) {
		const char *line = buf + i;
		const char *eol = memchr(line, '\n', hlen - i);
		size_t n = eol ? (size_t)(eol - line) : hlen - i;
		if (n > klen && strncasecmp(line, key, klen) == 0) {
			long long v = 0;
			size_t j = klen;
			while (j < n && line[j] == ' ')
				j++;
			size_t digits = 0;
			for (; j < n && line[j] >= '0' && line[j] <= '9'; j++, digits++) {
				v = v * 10 + (line[j] - '0');
				if (v > PF_LSP_MAX_MESSAGE)
					return -1;
			}
			while (j < n && (line[j] == ' ' || line[j] == '\r'))
				j++;
			return digits && j == n ? v : -1;
		}
		i += n + 1;
	}
	return -1;
}

int pf_lsp_reader_next(struct pf_lsp_reader *r, char **body, size_t *len)
{
	*body = NULL;
	size_t hlen = pf_header_end(r->buf, r->len);
	if (!hlen) {
		if (r->len > PF_LSP_MAX_HEADER) { /* no header ends: drop what came */
			r->len = 0;
			return -1;
		}
		return 0;
	}
	long long n = pf_content_length(r->buf, hlen);
	if (n < 0) {
		pf_reader_drop(r, hlen);
		return -1;
	}
	if (r->len - hlen < (size_t)n) {
		if (r->cap < hlen + (size_t)n + 1) {
			r->cap = hlen + (size_t)n + 65536;
			r->buf = pf_xrealloc(r->buf, r->cap);
		}
		return 0;
	}
	*body = pf_xmalloc((size_t)n + 1);
	memcpy(*body, r->buf + hlen, (size_t)n);
	(*body)[n] = '\0';
	*len = (size_t)n;
	pf_reader_drop(r, hlen + (size_t)n);
	return 1;
}

void pf_lsp_reader_free(struct pf_lsp_reader *r)
{
	free(r->buf);
	*r = (struct pf_lsp_reader){0};
}

int pf_lsp_write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int pf_lsp_send(int fd, json_t *msg)
{
	json_object_set_new(msg, "jsonrpc", json_string("2.0"));
	char *body = json_dumps(msg, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(msg);
	if (!body)
		return -1;
	char head[64];
	size_t blen = strlen(body);
	int hn = snprintf(head, sizeof(head), "Content-Length: %zu\r\n\r\n", blen);
	int rc =
	    pf_lsp_write_all(fd, head, (size_t)hn) == 0 && pf_lsp_write_all(fd, body, blen) == 0
	        ? 0
	        : -1;
	free(body);
	return rc;
}
