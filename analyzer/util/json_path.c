/*
 * JSON paths and positions (util/json_path.h). The text has already been
 * accepted by jansson, so the scanner only has to skip well-formed values.
 */
#include "json_path.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct scan {
	const char *s;
	size_t len;
	size_t pos;
};

static void skip_ws(struct scan *sc)
{
	while (sc->pos < sc->len && strchr(" \t\r\n", sc->s[sc->pos]) && sc->s[sc->pos])
		sc->pos++;
}

static bool at(const struct scan *sc, char c)
{
	return sc->pos < sc->len && sc->s[sc->pos] == c;
}

/* Skips a string token starting at its opening quote. */
static void skip_string(struct scan *sc)
{
	sc->pos++;
	while (sc->pos < sc->len && sc->s[sc->pos] != '"')
		sc->pos += sc->s[sc->pos] == '\\' ? 2 : 1;
	if (sc->pos < sc->len)
		sc->pos++;
}

/* Skips one value of any kind; nested containers are skipped by counting
 * brackets outside strings. */
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
			if (c == '{' || c == '[')
				depth++;
			else if (c == '}' || c == ']')
				depth--;
			sc->pos++;
		} while (depth > 0 && sc->pos < sc->len);
		return;
	}
	while (sc->pos < sc->len && !strchr(",}] \t\r\n", sc->s[sc->pos]) && sc->s[sc->pos])
		sc->pos++;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Past the value at sc->pos and the comma after it; false when no comma
 * follows (the object or array ends, or the text is cut). */
static bool next_item(struct scan *sc)
{
	skip_value(sc);
	skip_ws(sc);
	if (!at(sc, ','))
		return false;
	sc->pos++;
	return true;
}

/* True when the string token at sc->pos spells key. Escapes other than the
 * simple ones and \u00XX compare unequal, which only costs precision. */
static bool string_is(const struct scan *sc, const char *key)
{
	size_t i = sc->pos + 1;
	const unsigned char *k = (const unsigned char *)key;
	while (i < sc->len && sc->s[i] != '"') {
		int c = (unsigned char)sc->s[i++];
		if (c == '\\' && i < sc->len) {
			char e = sc->s[i++];
			const char *simple = strchr("\"\\/bfnrt", e);
			if (simple && e) {
				c = "\"\\/\b\f\n\r\t"[simple - "\"\\/bfnrt"];
			} else if (e == 'u' && i + 4 <= sc->len && sc->s[i] == '0' &&
			           sc->s[i + 1] == '0' && hexval(sc->s[i + 2]) >= 0 &&
			           hexval(sc->s[i + 3]) >= 0) {
				c = hexval(sc->s[i + 2]) * 16 + hexval(sc->s[i + 3]);
				i += 4;
			} else {
				return false;
			}
		}
		if (*k == '\0' || *k != c)
			return false;
		k++;
	}
	return *k == '\0';
}

/* Moves to the value of key in the object at sc->pos; *keypos gets the
 * position of the key. False when absent. */
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
		if (!next_item(sc))
			return false;
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
		if (!next_item(sc))
			return false;
	}
}

void pf_json_locate(const char *text, size_t len, const struct pf_json_step *path, size_t depth,
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

void pf_json_path_render(const struct pf_json_step *path, size_t depth, char *buf, size_t size)
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

int pf_json_vfail(struct pf_json_cursor *c, const char *key, const char *fmt, va_list ap)
{
	struct pf_error *e = c->err;
	struct pf_json_step loc[PF_JSON_MAX_DEPTH + 1];
	size_t n = c->depth < PF_JSON_MAX_DEPTH ? c->depth : PF_JSON_MAX_DEPTH;
	memcpy(loc, c->path, n * sizeof(*loc));
	if (key)
		loc[n++] = (struct pf_json_step){key, 0};
	pf_json_path_render(loc, c->key_in_path || !key ? n : n - 1, e->json_path,
	                    sizeof(e->json_path));
	pf_json_locate(c->text, c->len, loc, n, key != NULL, &e->line, &e->column);
	vsnprintf(e->text, sizeof(e->text), fmt, ap);
	return -1;
}

int pf_json_fail(struct pf_json_cursor *c, const char *key, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pf_json_vfail(c, key, fmt, ap);
	va_end(ap);
	return -1;
}

size_t pf_json_path_parse(const char *s, struct pf_json_step *path, char keys[][128])
{
	size_t depth = 0;
	while (*s && depth < PF_JSON_MAX_DEPTH) {
		if (*s == '.') {
			s++;
			continue;
		}
		size_t k;
		const char *key = s;
		if (s[0] == '[' && s[1] == '"') { /* ["a.b"] */
			key = s + 2;
			k = strcspn(key, "\"");
			s = key + k + (key[k] ? 2 : 0);
		} else if (*s == '[') {
			path[depth++] = (struct pf_json_step){NULL, strtoul(s + 1, NULL, 10)};
			s = strchr(s, ']');
			s = s ? s + 1 : "";
			continue;
		} else {
			k = strcspn(s, ".[");
			s += k;
		}
		snprintf(keys[depth], 128, "%.*s", (int)k, key);
		path[depth] = (struct pf_json_step){keys[depth], 0};
		depth++;
	}
	return depth;
}
