/*
 * The data-category vocabulary: the fides_key column of fideslang's CSV (plus
 * piiflow's extension rows), kept sorted for binary search. It exists so that
 * PII(user.contact.emial) is reported as an unknown category with
 * "user.contact.email" suggested, instead of silently naming a category no
 * policy or reader recognises. The CSV reader handles what the file really
 * uses: quoted fields with commas, doubled quotes, CRLF line ends.
 */
#include "taxonomy.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/file.h"
#include "util/suggest.h"
#include "util/xalloc.h"

void pf_taxonomy_init(struct pf_taxonomy *t)
{
	memset(t, 0, sizeof(*t));
}

void pf_taxonomy_free(struct pf_taxonomy *t)
{
	pf_free_strings(t->keys, t->nkeys);
	pf_taxonomy_init(t);
}

struct csv {
	const char *s;
	size_t len, pos;
	int line; /* of s[pos], from 1 */
};

/* Reads one record: its first field (malloc'd) and how many fields it has.
 * Returns 1, 0 at the end of the text, or -1 with a message in err. */
static int csv_record(struct csv *c, char **first, int *nfields, const char **err)
{
	PF_VEC(char) field = {0};
	*nfields = 0;
	*first = NULL;
	if (c->pos >= c->len)
		return 0;
	for (;;) {
		bool keep = *nfields == 0;
		++*nfields;
		if (c->pos < c->len && c->s[c->pos] == '"') {
			c->pos++;
			for (;;) {
				if (c->pos >= c->len) {
					PF_VEC_FREE(field);
					*err = "unterminated quoted field";
					return -1;
				}
				char ch = c->s[c->pos++];
				if (ch == '"') {
					if (c->pos >= c->len || c->s[c->pos] != '"')
						break;
					c->pos++; /* "" is one quote */
				}
				if (ch == '\n')
					c->line++;
				if (keep)
					PF_VEC_PUSH(field, ch);
			}
		} else {
			while (c->pos < c->len && !strchr(",\r\n", c->s[c->pos])) {
				if (keep)
					PF_VEC_PUSH(field, c->s[c->pos]);
				c->pos++;
			}
		}
		if (c->pos >= c->len)
			break;
		char ch = c->s[c->pos];
		if (ch == ',') {
			c->pos++;
			continue;
		}
		if (ch == '\r' || ch == '\n') {
			c->pos +=
			    ch == '\r' && c->pos + 1 < c->len && c->s[c->pos + 1] == '\n' ? 2 : 1;
			c->line++;
			break;
		}
		PF_VEC_FREE(field);
		*err = "unexpected character after a closing quote";
		return -1;
	}
	PF_VEC_PUSH(field, '\0');
	*first = field.v;
	return 1;
}

/* A key is a dotted path of lower-case words: user.contact.email. */
static bool valid_key(const char *k)
{
	if (!*k)
		return false;
	for (const char *c = k; *c; c++) {
		if (*c == '.') {
			if (c == k || c[1] == '\0' || c[1] == '.')
				return false;
		} else if (!islower((unsigned char)*c) && !isdigit((unsigned char)*c) &&
		           *c != '_') {
			return false;
		}
	}
	return true;
}

struct entry {
	char *key;
	int line;
};

struct entries {
	struct entry *v;
	size_t n, cap;
};

static int compare_entries(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

static int compare_keys(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool in_sorted(char **keys, size_t n, const char *key)
{
	return n > 0 && bsearch(&key, keys, n, sizeof(*keys), compare_keys) != NULL;
}

/* Adds the new keys (unique among themselves) to t, dropping those t already
 * has, and keeps t sorted. Takes ownership of the keys. */
static void add_keys(struct pf_taxonomy *t, struct entry *v, size_t n)
{
	t->keys = pf_xrealloc(t->keys, (t->nkeys + n) * sizeof(*t->keys));
	size_t old = t->nkeys;
	for (size_t i = 0; i < n; i++) {
		if (in_sorted(t->keys, old, v[i].key))
			free(v[i].key);
		else
			t->keys[t->nkeys++] = v[i].key;
	}
	qsort(t->keys, t->nkeys, sizeof(*t->keys), compare_keys);
}

/* Parses the CSV text into v; 0, or -1 with err filled. */
static int parse_csv(const char *path, const char *text, size_t len, struct entries *v,
                     struct pf_error *err)
{
	struct csv c = {text, len, 0, 1};
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		c.pos = 3; /* a UTF-8 byte order mark, as spreadsheets write */
	const char *why = NULL;
	char *first;
	int nfields;
	int rc = csv_record(&c, &first, &nfields, &why);
	if (rc <= 0 || strcmp(first, "fides_key") != 0) {
		pf_error_begin(err, path);
		if (rc < 0)
			pf_error_at(err, 1, 0, "%s", why);
		else
			pf_error_at(err, 1, 0,
			            "expected a header line whose first column is 'fides_key'");
		free(first);
		return -1;
	}
	free(first);
	for (;;) {
		int line = c.line;
		rc = csv_record(&c, &first, &nfields, &why);
		if (rc == 0)
			return 0;
		if (rc < 0) {
			pf_error_begin(err, path);
			pf_error_at(err, line, 0, "%s", why);
			return -1;
		}
		/* blank lines and the root of the tree are not keys (the data-use
		 * CSV's root is "data_use") */
		if ((first[0] == '\0' && nfields == 1) || strcmp(first, "data_category") == 0 ||
		    strcmp(first, "data_use") == 0) {
			free(first);
			continue;
		}
		if (!valid_key(first)) {
			pf_error_begin(err, path);
			pf_error_at(err, line, 0,
			            "invalid key '%.100s' (expected a dotted key such as "
			            "user.contact.email)",
			            first);
			free(first);
			return -1;
		}
		PF_VEC_PUSH(*v, ((struct entry){first, line}));
	}
}

int pf_taxonomy_load_buffer(struct pf_taxonomy *t, const char *path, const char *text, size_t len,
                            struct pf_error *err)
{
	struct entries v = {0};
	int rc = -1;

	if (parse_csv(path, text, len, &v, err) < 0)
		goto done;
	if (v.n == 0) {
		pf_error_begin(err, path);
		pf_error_set(err, "no categories in the file");
		goto done;
	}
	qsort(v.v, v.n, sizeof(*v.v), compare_entries);
	for (size_t i = 1; i < v.n; i++) {
		if (strcmp(v.v[i - 1].key, v.v[i].key) == 0) {
			pf_error_begin(err, path);
			pf_error_at(err, v.v[i].line, 0,
			            "duplicate key '%.100s' (first on line %d)", v.v[i].key,
			            v.v[i - 1].line);
			goto done;
		}
	}
	add_keys(t, v.v, v.n);
	v.n = 0;
	rc = 0;
done:
	for (size_t i = 0; i < v.n; i++)
		free(v.v[i].key);
	PF_VEC_FREE(v);
	return rc;
}

int pf_taxonomy_load(struct pf_taxonomy *t, const char *path, struct pf_error *err)
{
	char *text = NULL;
	size_t len = 0;
	if (pf_read_file(path, &text, &len) != 0) {
		pf_error_begin(err, path);
		pf_error_set(err, "cannot read taxonomy file: %s", strerror(errno));
		return -1;
	}
	int rc = pf_taxonomy_load_buffer(t, path, text, len, err);
	free(text);
	return rc;
}

bool pf_taxonomy_known(const struct pf_taxonomy *t, const char *key)
{
	return key && in_sorted(t->keys, t->nkeys, key);
}

bool pf_category_covers(const char *parent, const char *child)
{
	if (!parent || !child)
		return false;
	size_t n = strlen(parent);
	return strncmp(parent, child, n) == 0 && (child[n] == '\0' || child[n] == '.');
}

static const char *last_segment(const char *key)
{
	const char *dot = strrchr(key, '.');
	return dot ? dot + 1 : key;
}

/* True when word is one of the '_'-separated words of seg: "phone" in
 * "phone_number", "ip" in "ip_address". */
static bool has_word(const char *seg, const char *word)
{
	size_t n = strlen(word);
	for (const char *w = seg; *w;) {
		size_t len = strcspn(w, "_");
		if (len == n && strncasecmp(w, word, n) == 0)
			return true;
		w += len;
		if (*w == '_')
			w++;
	}
	return false;
}

/* How good a suggestion known key k is for the unknown key q, best first:
 * 0 the same last segment (user.email -> user.contact.email); 1 last
 * segments that share a word or are a typo apart (user.phone ->
 * user.contact.phone_number, user.advertising_id ->
 * user.device.device_id.advertising, user.contact.emial ->
 * user.contact.email); 2 a typo of the whole key; 3 an ancestor of q
 * (user.location.gps -> user.location). -1: no suggestion. */
static int tier(const char *q, const char *k, size_t d)
{
	const char *qs = last_segment(q), *ks = last_segment(k);
	size_t qn = strlen(qs);
	if (strcasecmp(qs, ks) == 0)
		return 0;
	if ((qn >= 2 && has_word(ks, qs)) || (strlen(ks) >= 3 && has_word(qs, ks)))
		return 1;
	if (qn >= 3 && pf_edit_distance(qs, ks) <= (qn <= 4 ? 1u : 2u))
		return 1;
	size_t limit = strlen(q) / 3 > 2 ? strlen(q) / 3 : 2;
	if (d <= limit)
		return 2;
	if (pf_category_covers(k, q))
		return 3;
	return -1;
}

/* No category is this long; a longer "key" is generated text or a paste
 * accident, and comparing it with every key would cost seconds. */
#define PF_TAXONOMY_MAX_SUGGEST 256

const char *pf_taxonomy_nearest(const struct pf_taxonomy *t, const char *key)
{
	if (!key || !*key || strnlen(key, PF_TAXONOMY_MAX_SUGGEST + 1) > PF_TAXONOMY_MAX_SUGGEST)
		return NULL;
	const char *best = NULL;
	int best_tier = 4;
	size_t best_d = SIZE_MAX;
	for (size_t i = 0; i < t->nkeys; i++) {
		size_t d = pf_edit_distance(key, t->keys[i]);
		int k = tier(key, t->keys[i], d);
		if (k < 0)
			continue;
		if (k < best_tier || (k == best_tier && d < best_d)) {
			best = t->keys[i];
			best_tier = k;
			best_d = d;
		}
	}
	return best;
}
