/*
 * Path globs for the config's "exclude": fnmatch's FNM_PATHNAME semantics,
 * which every shell user knows, plus the "**" of .gitignore and most build
 * tools, since "leave out third_party/ at any depth" is the usual reason to
 * exclude anything. A glob matching a directory covers what lies under it.
 */
#include "policy/config.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* The length of the path segment starting at s. */
static size_t seg_len(const char *s)
{
	const char *slash = strchr(s, '/');
	return slash ? (size_t)(slash - s) : strlen(s);
}

/* Matches one pattern segment against one path segment; both are copied so
 * that fnmatch sees exactly one segment each. */
static bool seg_match(const char *p, size_t pn, const char *s, size_t sn)
{
	char *pat = pf_xmalloc(pn + 1), *str = pf_xmalloc(sn + 1);
	memcpy(pat, p, pn);
	pat[pn] = '\0';
	memcpy(str, s, sn);
	str[sn] = '\0';
	bool hit = fnmatch(pat, str, 0) == 0;
	free(pat);
	free(str);
	return hit;
}

/* Matches the segments of p against those of s; "" is no segment at all. */
static bool match_segs(const char *p, const char *s)
{
	if (*p == '\0')
		return *s == '\0';
	size_t pn = seg_len(p);
	const char *prest = p[pn] ? p + pn + 1 : p + pn;
	if (pn == 2 && p[0] == '*' && p[1] == '*') {
		if (match_segs(prest, s))
			return true; /* "**" as no segment */
		if (*s == '\0')
			return false;
		size_t sn = seg_len(s);
		return match_segs(p, s[sn] ? s + sn + 1 : s + sn); /* one more segment */
	}
	if (*s == '\0')
		return false;
	size_t sn = seg_len(s);
	if (!seg_match(p, pn, s, sn))
		return false;
	return match_segs(prest, s[sn] ? s + sn + 1 : s + sn);
}

/* "**" segments in a row match what one does; folding them keeps the
 * backtracking of match_segs polynomial in what a user writes. */
static void collapse_stars(char *g)
{
	char *o = g;
	bool first = true, last_star = false;
	for (const char *s = g;;) {
		size_t n = seg_len(s);
		bool star = n == 2 && s[0] == '*' && s[1] == '*';
		if (!(star && last_star)) {
			if (!first)
				*o++ = '/';
			memmove(o, s, n);
			o += n;
		}
		first = false;
		last_star = star;
		s += n;
		if (*s != '/')
			break;
		s++;
	}
	*o = '\0';
}

bool pf_glob_match(const char *glob, const char *path)
{
	while (glob[0] == '.' && glob[1] == '/')
		glob += 2;
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	if (glob[0] == '/' && path[0] == '/') {
		glob++;
		path++;
	}
	size_t gn = strlen(glob);
	char *g = pf_xstrdup(glob);
	while (gn > 1 && g[gn - 1] == '/')
		g[--gn] = '\0'; /* "vendor/" is the directory vendor */
	collapse_stars(g);
	/* The path itself, then each directory above it, longest first. */
	char *p = pf_xstrdup(path);
	bool hit = false;
	for (;;) {
		if (match_segs(g, p)) {
			hit = true;
			break;
		}
		char *slash = strrchr(p, '/');
		if (!slash || slash == p)
			break;
		*slash = '\0';
	}
	free(p);
	free(g);
	return hit;
}
