/*
 * From a JSON path back to a line and column, and the error reports built on
 * it. The text has already been accepted by jansson, so the scanner only has
 * to skip well-formed values; where it cannot follow the path (a key written
 * with escapes) it stops at the deepest step it found, which is still the
 * right neighbourhood.
 */
#include "policy/locate.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct scan {
	const char *s;
	size_t len, pos;
};

static bool at(const struct scan *sc, char c)
{
	return sc->pos < sc->len && sc->s[sc->pos] == c;
}

static void skip_ws(struct scan *sc)
{
	while (at(sc, ' ') || at(sc, '\t') || at(sc, '\r') || at(sc, '\n'))
		sc->pos++;
}

static void skip_string(struct scan *sc)
{
	sc->pos++;
	while (sc->pos < sc->len && sc->s[sc->pos] != '"')
		sc->pos += sc->s[sc->pos] == '\\' ? 2 : 1;
	if (sc->pos < sc->len)
		sc->pos++;
}

static void skip_value(struct scan *sc)
{
	if (at(sc, '"')) {
		skip_string(sc);
		return;
	}
	if (at(sc, '{') || at(sc, '[')) {
		int depth = 0;
		do {
			char c = sc->s[sc->pos];
			if (c == '"') {
				skip_string(sc);
				continue;
			}
			depth += (c == '{' || c == '[') - (c == '}' || c == ']');
			sc->pos++;
		} while (depth > 0 && sc->pos < sc->len);
		return;
	}
	while (sc->pos < sc->len && !strchr(",}] \t\r\n", sc->s[sc->pos]))
		sc->pos++;
}

/* True when the string token at sc->pos spells key without escapes. */
static bool string_is(const struct scan *sc, const char *key)
{
	size_t n = strlen(key);
	return sc->pos + n + 2 <= sc->len && memcmp(sc->s + sc->pos + 1, key, n) == 0 &&
	       sc->s[sc->pos + 1 + n] == '"';
}

static bool enter_key(struct scan *sc, const char *key, size_t *keypos)
{
	if (!at(sc, '{'))
		return false;
	sc->pos++;
	for (;;) {
		skip_ws(sc);
		if (!at(sc, '"'))
			return false;
		size_t start = sc->pos;
		bool match = string_is(sc, key);
		skip_string(sc);
		skip_ws(sc);
		if (!at(sc, ':'))
			return false;
		sc->pos++;
		skip_ws(sc);
		if (match) {
			*keypos = start;
			return true;
		}
		skip_value(sc);
		skip_ws(sc);
		if (!at(sc, ','))
			return false;
		sc->pos++;
	}
}

static bool enter_index(struct scan *sc, size_t index)
{
	if (!at(sc, '['))
		return false;
	sc->pos++;
	for (size_t i = 0;; i++) {
		skip_ws(sc);
		if (at(sc, ']') || sc->pos >= sc->len)
			return false;
		if (i == index)
			return true;
		skip_value(sc);
		skip_ws(sc);
		if (!at(sc, ','))
			return false;
		sc->pos++;
	}
}

static void locate(const char *text, size_t len, const struct pf_json_step *path, size_t depth,
                   bool at_key, int *line, int *column)
{
	struct scan sc = {text, len, 0};
	skip_ws(&sc);
	size_t found = sc.pos;
	for (size_t i = 0; i < depth; i++) {
		size_t keypos = 0;
		bool ok = path[i].key ? enter_key(&sc, path[i].key, &keypos)
		                      : enter_index(&sc, path[i].index);
		if (!ok)
			break;
		found = at_key && path[i].key && i + 1 == depth ? keypos : sc.pos;
	}
	*line = 1;
	*column = 1;
	for (size_t i = 0; i < found && i < len; i++) {
		if (text[i] == '\n') {
			++*line;
			*column = 1;
		} else {
			++*column;
		}
	}
}

void pf_json_push_key(struct pf_json_cursor *c, const char *key)
{
	if (c->depth < PF_JSON_MAX_DEPTH)
		c->path[c->depth] = (struct pf_json_step){key, 0};
	c->depth++;
}

void pf_json_push_index(struct pf_json_cursor *c, size_t index)
{
	if (c->depth < PF_JSON_MAX_DEPTH)
		c->path[c->depth] = (struct pf_json_step){NULL, index};
	c->depth++;
}

void pf_json_pop(struct pf_json_cursor *c)
{
	c->depth--;
}

/* A key written as .key in a path; others ("user.name") as ["key"]. */
static bool is_plain_key(const char *k)
{
	if (!*k)
		return false;
	for (; *k; k++)
		if (!(*k == '_' || *k == '-' || (*k >= 'a' && *k <= 'z') ||
		      (*k >= 'A' && *k <= 'Z') || (*k >= '0' && *k <= '9')))
			return false;
	return true;
}

static void render_path(const struct pf_json_step *path, size_t depth, char *buf, size_t size)
{
	size_t n = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < depth && n < size; i++) {
		if (path[i].key && is_plain_key(path[i].key))
			snprintf(buf + n, size - n, "%s%s", n ? "." : "", path[i].key);
		else if (path[i].key)
			snprintf(buf + n, size - n, "[\"%s\"]", path[i].key);
		else
			snprintf(buf + n, size - n, "[%zu]", path[i].index);
		n += strlen(buf + n);
	}
}

int pf_json_fail(struct pf_json_cursor *c, const char *key, const char *fmt, ...)
{
	struct pf_policy_error *e = c->err;
	struct pf_json_step loc[PF_JSON_MAX_DEPTH + 1];
	size_t n = c->depth < PF_JSON_MAX_DEPTH ? c->depth : PF_JSON_MAX_DEPTH;
	memcpy(loc, c->path, n * sizeof(*loc));
	if (key)
		loc[n++] = (struct pf_json_step){key, 0};
	render_path(loc, n, e->json_path, sizeof(e->json_path));
	locate(c->text, c->len, loc, n, key != NULL, &e->line, &e->column);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof(e->message), fmt, ap);
	va_end(ap);
	return -1;
}

void pf_json_error_begin(struct pf_policy_error *err, const char *file)
{
	memset(err, 0, sizeof(*err));
	snprintf(err->file, sizeof(err->file), "%s", file);
}

int pf_policy_read_file(const char *path, char **text, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	size_t cap = 4096, n = 0;
	char *buf = pf_xmalloc(cap + 1);
	for (;;) {
		n += fread(buf + n, 1, cap - n, f);
		if (n < cap)
			break;
		cap *= 2;
		buf = pf_xrealloc(buf, cap + 1);
	}
	int saved = ferror(f) ? (errno ? errno : EIO) : 0;
	fclose(f);
	if (saved) {
		free(buf);
		errno = saved;
		return -1;
	}
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return 0;
}

void pf_policy_error_format(const struct pf_policy_error *err, char *buf, size_t size)
{
	char pos[32] = "";
	if (err->line > 0 && err->column > 0)
		snprintf(pos, sizeof(pos), ":%d:%d", err->line, err->column);
	else if (err->line > 0)
		snprintf(pos, sizeof(pos), ":%d", err->line);
	if (err->json_path[0])
		snprintf(buf, size, "%s%s: error: at %s: %s", err->file, pos, err->json_path,
		         err->message);
	else
		snprintf(buf, size, "%s%s: error: %s", err->file, pos, err->message);
}
