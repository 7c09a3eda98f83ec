/*
 * file:// URIs of RFC 8089 as editors send them: percent-encoded, with an
 * empty authority. Paths go out encoded the way VS Code encodes them, so a
 * client that compares URIs as strings finds its own documents.
 */
#include "lsp/lsp_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/path.h"

static int pf_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *pf_lsp_uri_to_path(const char *uri)
{
	if (!uri || strncmp(uri, "file://", 7) != 0)
		return NULL;
	const char *p = uri + 7;
	if (*p != '/') { /* file://host/path: only localhost is ours */
		if (strncmp(p, "localhost/", 10) != 0)
			return NULL;
		p += 9;
	}
	char *out = pf_xmalloc(strlen(p) + 1);
	size_t n = 0;
	for (; *p && *p != '?' && *p != '#'; p++) {
		int hi, lo;
		if (*p == '%' && (hi = pf_hex(p[1])) >= 0 && (lo = pf_hex(p[2])) >= 0) {
			out[n++] = (char)(hi * 16 + lo);
			p += 2;
		} else {
			out[n++] = *p;
		}
	}
	out[n] = '\0';
	if (strlen(out) != n) { /* an encoded NUL */
		free(out);
		return NULL;
	}
	return out;
}

char *pf_lsp_path_to_uri(const char *path)
{
	char *abs = pf_path_absolute(NULL, path);
	static const char hexd[] = "0123456789ABCDEF";
	char *out = pf_xmalloc(strlen(abs) * 3 + 8);
	size_t n = 0;
	memcpy(out, "file://", 7);
	n = 7;
	for (const unsigned char *p = (const unsigned char *)abs; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
			out[n++] = (char)*p;
		} else {
			out[n++] = '%';
			out[n++] = hexd[*p >> 4];
			out[n++] = hexd[*p & 15];
		}
	}
	out[n] = '\0';
	free(abs);
	return out;
}
