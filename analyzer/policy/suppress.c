/*
 * Suppression comments: `piiflow-allow(RULE): REASON` on a sink's line or
 * the line above it accepts the flows of RULE into that sink. The reason is
 * required because a suppression is a decision someone has to be able to
 * review later; one without it suppresses nothing and is reported as
 * `invalid-suppression`. A valid one that matches nothing is reported as
 * `unused-suppression`, so that a stale comment cannot hide a flow added to
 * its line later. Comments are found by a small C lexer, so that the marker
 * inside a string literal is not taken for one.
 */
#include "policy/policy.h"

#include <fnmatch.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/file.h"
#include "util/xalloc.h"
#include "util/unsaved.h"

#define PF_SUPPRESS_MARKER "piiflow-allow"

void pf_suppressions_free(struct pf_suppressions *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].rules);
		free(s->v[i].reason);
	}
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static char *trimmed(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	char *t = pf_xmalloc(n + 1);
	memcpy(t, s, n);
	t[n] = '\0';
	return t;
}

/* Where the text of the comment's current line ends: a newline, or for a
 * block comment "*" "/". */
static size_t region_end(const char *s, size_t len, size_t i, bool block)
{
	while (i < len && s[i] != '\n' && !(block && s[i] == '*' && i + 1 < len && s[i + 1] == '/'))
		i++;
	return i;
}

/* Reads one suppression whose marker starts at s[i]. */
static void parse_one(const char *s, size_t len, size_t i, bool block, unsigned line,
                      unsigned column, struct pf_suppressions *out)
{
	size_t j = i + strlen(PF_SUPPRESS_MARKER);
	while (j < len && (s[j] == ' ' || s[j] == '\t'))
		j++;
	if (j >= len || s[j] != '(')
		return; /* prose that mentions the marker */
	size_t end = region_end(s, len, j, block);
	const char *close = memchr(s + j, ')', end - j);
	struct pf_suppression sup = {.line = line, .column = column};
	if (!close) {
		sup.rules = trimmed(s + j + 1, end - j - 1);
		sup.problem = "has no closing parenthesis";
	} else {
		sup.rules = trimmed(s + j + 1, (size_t)(close - s) - j - 1);
		size_t k = (size_t)(close - s) + 1;
		while (k < end && (s[k] == ' ' || s[k] == '\t'))
			k++;
		if (k < end && s[k] == ':')
			sup.reason = trimmed(s + k + 1, end - k - 1);
		if (!sup.rules[0])
			sup.problem = "names no rule";
		else if (!sup.reason || !sup.reason[0])
			sup.problem = "has no reason";
	}
	if (sup.reason && !sup.reason[0]) {
		free(sup.reason);
		sup.reason = NULL;
	}
	PF_VEC_PUSH(*out, sup);
}

void pf_suppress_scan(const char *s, size_t len, struct pf_suppressions *out)
{
	enum { CODE, LINE_COMMENT, BLOCK_COMMENT, STRING, CHAR } st = CODE;
	const size_t mlen = strlen(PF_SUPPRESS_MARKER);
	unsigned line = 1;
	size_t line_start = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i], next = i + 1 < len ? s[i + 1] : '\0';
		if (c == '\n') {
			size_t k = i;
			if (k > line_start && s[k - 1] == '\r')
				k--;
			bool spliced = k > line_start && s[k - 1] == '\\';
			if ((st == LINE_COMMENT && !spliced) || st == STRING || st == CHAR)
				st = CODE;
			line++;
			line_start = i + 1;
			continue;
		}
		switch (st) {
		case CODE:
			if (c == '/' && next == '/')
				st = LINE_COMMENT, i++;
			else if (c == '/' && next == '*')
				st = BLOCK_COMMENT, i++;
			else if (c == '"')
				st = STRING;
			else if (c == '\'')
				st = CHAR;
			break;
		case STRING:
		case CHAR:
			if (c == '\\' && next != '\n')
				i++;
			else if (c == (st == STRING ? '"' : '\''))
				st = CODE;
			break;
		case LINE_COMMENT:
		case BLOCK_COMMENT:
			if (st == BLOCK_COMMENT && c == '*' && next == '/') {
				st = CODE;
				i++;
			} else if (len - i >= mlen &&
			           memcmp(s + i, PF_SUPPRESS_MARKER, mlen) == 0) {
				parse_one(s, len, i, st == BLOCK_COMMENT, line,
				          (unsigned)(i - line_start + 1), out);
				i += mlen - 1;
			}
			break;
		}
	}
}

bool pf_suppress_rule_matches(const char *rules, const char *rule)
{
	if (!rule)
		return false;
	const char *p = rules;
	for (;;) {
		size_t n = strcspn(p, ",");
		char *item = trimmed(p, n);
		bool hit = item[0] && fnmatch(item, rule, 0) == 0;
		free(item);
		if (hit)
			return true;
		if (!p[n])
			return false;
		p += n + 1;
	}
}

/* The file without symlinks or "..", to compare a finding's sink file with a
 * scanned file however each was spelt. A heap string. */
static char *canonical(const char *file)
{
	char buf[PATH_MAX];
	return pf_xstrdup(file && realpath(file, buf) ? buf : (file ? file : ""));
}

struct scanned {
	char *canon;
	const char *display;
	const struct pf_suppressions *held; /* from a cache, or NULL: read the file */
};

static int scanned_cmp(const void *a, const void *b)
{
	const struct scanned *x = a, *y = b;
	return strcmp(x->canon, y->canon);
}

static void add_diag(struct pf_report *r, const char *rule, const char *file,
                     const struct pf_suppression *s, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void add_diag(struct pf_report *r, const char *rule, const char *file,
                     const struct pf_suppression *s, const char *fmt, ...)
{
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pf_report_add_diagnostic(r, rule, PF_SEV_WARNING, file, s->line, s->column, msg);
}

/* Matches the suppressions of one file against the findings whose sink lies
 * in it (canon[i] is findings[i]'s sink file), recording the reason of each
 * matched finding in reasons[i], and reports the invalid and unused ones. */
static void match_file(struct pf_report *r, const struct scanned *file,
                       const struct pf_suppressions *sups, char *const *canon, char **reasons)
{
	for (size_t k = 0; k < sups->n; k++) {
		const struct pf_suppression *s = &sups->v[k];
		if (s->problem) {
			add_diag(r, "invalid-suppression", file->display, s,
			         "suppression 'piiflow-allow(%.100s)' %s and suppresses nothing; "
			         "write piiflow-allow(RULE): REASON",
			         s->rules, s->problem);
			continue;
		}
		bool used = false;
		for (size_t i = 0; i < r->nfindings; i++) {
			const struct pf_finding *f = &r->findings[i];
			if (strcmp(canon[i], file->canon) != 0 ||
			    (f->sink.line != s->line && f->sink.line != s->line + 1) ||
			    !pf_suppress_rule_matches(s->rules, f->rule))
				continue;
			used = true;
			if (!reasons[i])
				reasons[i] = pf_xstrdup(s->reason);
		}
		if (!used)
			add_diag(
			    r, "unused-suppression", file->display, s,
			    "suppression 'piiflow-allow(%.100s)' matches no finding on this line "
			    "or the next; remove it",
			    s->rules);
	}
}

/* The unsaved content of a file (an editor's buffer, a staged version),
 * or NULL. */
static const struct pf_unsaved_file *
unsaved_of(const char *canon, const struct pf_unsaved_file *unsaved, size_t nunsaved)
{
	/* canon is resolved already: a second realpath would give it again */
	for (size_t i = 0; i < nunsaved; i++)
		if (strcmp(unsaved[i].path, canon) == 0)
			return &unsaved[i];
	return NULL;
}

/* The text of a file: its unsaved content when the run has one, else what
 * is on disk. Returns 0 with a heap copy, or -1. */
static int read_text(const char *canon, const struct pf_unsaved_file *unsaved, size_t nunsaved,
                     char **text, size_t *len)
{
	const struct pf_unsaved_file *u = unsaved_of(canon, unsaved, nunsaved);
	if (u) {
		*text = pf_xmalloc(u->length + 1);
		memcpy(*text, u->contents, u->length);
		(*text)[u->length] = '\0';
		*len = u->length;
		return 0;
	}
	return pf_read_file(canon, text, len);
}

/* ---- the cache of scanned files ------------------------------------------ */

struct cached {
	char *display; /* the path as given, the key */
	char *canon;
	struct stat st;
	struct pf_suppressions sups;
};

struct pf_suppress_cache {
	PF_VEC(struct cached) v; /* sorted by display */
};

struct pf_suppress_cache *pf_suppress_cache_new(void)
{
	return pf_xcalloc(1, sizeof(struct pf_suppress_cache));
}

static void cached_free(struct cached *e)
{
	free(e->display);
	free(e->canon);
	pf_suppressions_free(&e->sups);
}

void pf_suppress_cache_free(struct pf_suppress_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->v.n; i++)
		cached_free(&c->v.v[i]);
	PF_VEC_FREE(c->v);
	free(c);
}

/* The entry of display among the first n (sorted) entries, or NULL. */
static struct cached *cache_find_n(const struct pf_suppress_cache *c, size_t n, const char *display)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = strcmp(c->v.v[mid].display, display);
		if (cmp == 0)
			return &c->v.v[mid];
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The entry of display when the file on disk is still the one scanned. */
static const struct cached *cache_hit(const struct pf_suppress_cache *c, const char *display)
{
	const struct cached *e = cache_find_n(c, c->v.n, display);
	struct stat st;
	return e && stat(display, &st) == 0 && pf_same_stat(&st, &e->st) ? e : NULL;
}

static int cached_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cached *)a)->display, ((const struct cached *)b)->display);
}

/* Scans a file into e; false when it cannot be read. The stat is taken
 * before the read: a change meanwhile shows as a miss later. */
static bool cached_scan(struct cached *e, const char *display)
{
	char *text;
	size_t len;
	if (stat(display, &e->st) != 0)
		return false;
	e->canon = canonical(display);
	if (pf_read_file(e->canon, &text, &len) != 0) {
		free(e->canon);
		e->canon = NULL;
		return false;
	}
	pf_suppress_scan(text, len, &e->sups);
	free(text);
	e->display = pf_xstrdup(display);
	return true;
}

void pf_suppress_cache_update(struct pf_suppress_cache *c, char *const *files, size_t nfiles)
{
	size_t sorted = c->v.n; /* new files go after, and are sorted in at the end */
	for (size_t i = 0; i < nfiles; i++) {
		if (!files[i] || !files[i][0])
			continue;
		struct cached *old = cache_find_n(c, sorted, files[i]);
		struct stat st;
		if (old && stat(files[i], &st) == 0 && pf_same_stat(&st, &old->st))
			continue;
		struct cached e = {0};
		if (!cached_scan(&e, files[i]))
			e = (struct cached){.display = pf_xstrdup(files[i])}; /* never hits */
		if (old) {
			cached_free(old);
			*old = e;
		} else {
			PF_VEC_PUSH(c->v, e);
		}
	}
	if (c->v.n == sorted)
		return;
	qsort(c->v.v, c->v.n, sizeof(*c->v.v), cached_cmp);
	size_t k = 0; /* a file named twice is one entry */
	for (size_t i = 0; i < c->v.n; i++) {
		if (k && strcmp(c->v.v[k - 1].display, c->v.v[i].display) == 0)
			cached_free(&c->v.v[i]);
		else
			c->v.v[k++] = c->v.v[i];
	}
	c->v.n = k;
}

void pf_suppress_apply(struct pf_report *r, char *const *files, size_t nfiles,
                       const struct pf_unsaved_file *unsaved, size_t nunsaved)
{
	pf_suppress_apply_cached(r, files, nfiles, unsaved, nunsaved, NULL);
}

void pf_suppress_apply_cached(struct pf_report *r, char *const *files, size_t nfiles,
                              const struct pf_unsaved_file *unsaved, size_t nunsaved,
                              const struct pf_suppress_cache *cache)
{
	struct scanned *scan = pf_xcalloc(nfiles + 1, sizeof(*scan));
	size_t nscan = 0;
	for (size_t i = 0; i < nfiles; i++) {
		if (!files[i] || !files[i][0])
			continue;
		const struct cached *e = cache ? cache_hit(cache, files[i]) : NULL;
		scan[nscan++] = (struct scanned){e ? pf_xstrdup(e->canon) : canonical(files[i]),
		                                 files[i], e ? &e->sups : NULL};
	}
	if (nscan > 1)
		qsort(scan, nscan, sizeof(*scan), scanned_cmp);

	size_t nf = r->nfindings;
	char **canon = pf_xcalloc(nf + 1, sizeof(*canon));
	char **reasons = pf_xcalloc(nf + 1, sizeof(*reasons));
	for (size_t i = 0; i < nf; i++)
		canon[i] = canonical(r->findings[i].sink.file);

	for (size_t i = 0; i < nscan; i++) {
		if (i > 0 && strcmp(scan[i].canon, scan[i - 1].canon) == 0)
			continue; /* the same file under another name */
		if (scan[i].held && !unsaved_of(scan[i].canon, unsaved, nunsaved)) {
			match_file(r, &scan[i], scan[i].held, canon, reasons);
			continue;
		}
		char *text;
		size_t len;
		if (read_text(scan[i].canon, unsaved, nunsaved, &text, &len) != 0)
			continue;
		struct pf_suppressions sups = {0};
		pf_suppress_scan(text, len, &sups);
		free(text);
		match_file(r, &scan[i], &sups, canon, reasons);
		pf_suppressions_free(&sups);
	}
	/* From the end, so that accepting one does not move the others. */
	for (size_t i = nf; i-- > 0;)
		if (reasons[i])
			pf_report_accept(r, i, "suppression", reasons[i]);

	for (size_t i = 0; i < nf; i++) {
		free(canon[i]);
		free(reasons[i]);
	}
	for (size_t i = 0; i < nscan; i++)
		free(scan[i].canon);
	free(canon);
	free(reasons);
	free(scan);
}
