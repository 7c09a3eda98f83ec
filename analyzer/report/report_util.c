/*
 * Shared helpers of the reporters: UTF-8 repair for strings that come from
 * source files and paths, the root and the one dump format of every JSON
 * output, and the data map's counts in words.
 */
#include "report_int.h"
#include "report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "findings/map.h"
#include "util/xalloc.h"

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_seq_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len;
	unsigned min;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		min = 0x10000;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	unsigned cp = c & (0xff >> (len + 1));
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

json_t *pf_report_json_string(const char *s)
{
	if (!s)
		s = "";
	size_t n = strlen(s);
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, bad = 0;
	while (i < n) {
		size_t l = utf8_seq_len(u + i, n - i);
		bad += !l;
		i += l ? l : 1;
	}
	if (!bad)
		return json_stringn(s, n);
	/* Each bad byte becomes the three bytes of U+FFFD. */
	char *fixed = pf_xmalloc(n + 2 * bad + 1);
	size_t o = 0;
	for (i = 0; i < n;) {
		size_t l = utf8_seq_len(u + i, n - i);
		if (l) {
			memcpy(fixed + o, s + i, l);
			o += l;
			i += l;
		} else {
			memcpy(fixed + o, "\xef\xbf\xbd", 3);
			o += 3;
			i++;
		}
	}
	json_t *j = json_stringn(fixed, o);
	free(fixed);
	return j;
}

int pf_report_json_dump(FILE *out, const json_t *root)
{
	errno = 0;
	if (json_dumpf(root, out, JSON_INDENT(2) | JSON_SORT_KEYS | JSON_REAL_PRECISION(10)) != 0 ||
	    fputc('\n', out) == EOF || fflush(out) != 0 || ferror(out)) {
		if (!errno)
			errno = EIO;
		return -1;
	}
	return 0;
}

json_t *pf_report_json_root(int schema_version)
{
	json_t *root = json_object();
	json_object_set_new(root, "version", json_integer(schema_version));
	json_t *tool = json_object();
	json_object_set_new(tool, "name", pf_report_json_string(PF_TOOL_NAME));
	json_object_set_new(tool, "version", pf_report_json_string(PF_TOOL_VERSION));
	json_object_set_new(root, "tool", tool);
	return root;
}

void pf_map_write_counts(FILE *out, const size_t *count, const char *none)
{
	const char *sep = "";
	for (int s = 0; s < PF_MAP_NSTATUS; s++)
		if (count[s]) {
			fprintf(out, "%s%zu %s", sep, count[s],
			        pf_map_status_name((enum pf_map_status)s));
			sep = ", ";
		}
	if (!*sep && none)
		fputs(none, out);
}

json_t *pf_report_json_sink(const struct pf_finding *f)
{
	json_t *sink = json_object();
	json_object_set_new(sink, "file", pf_report_json_string(f->sink.file));
	json_object_set_new(sink, "line", json_integer(f->sink.line));
	json_object_set_new(sink, "column", json_integer(f->sink.column));
	json_object_set_new(sink, "function", pf_report_json_string(f->sink_function));
	json_object_set_new(sink, "callee", pf_report_json_string(f->sink_callee));
	json_object_set_new(sink, "argument", json_integer(f->sink_argument));
	return sink;
}
