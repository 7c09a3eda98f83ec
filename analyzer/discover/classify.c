/*
 * Classifies identifiers with the table of names.def: every regular
 * expression is compiled once, then a name is normalized into its words and
 * run through the negative rows (predicates, counters, metadata, the
 * machine's own addresses) and the positive ones. Privado and Bearer
 * classify fields by name the same way for other languages; the table is
 * the part to extend.
 */
#include "discover/classify.h"

#include <ctype.h>
#include <pthread.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum pf_row_kind {
	PF_ROW_NAME,
	PF_ROW_TYPE,
	PF_ROW_LAST_NOT,
	PF_ROW_FIRST_NOT,
	PF_ROW_NOT,
	PF_ROW_FUNC_NOT,
	PF_ROW_SCOPE,
	PF_ROW_IN_SCOPE,
	PF_ROW_SCOPE_NOT,
};

struct pf_row {
	enum pf_row_kind kind;
	const char *re;
	const char *category;
	enum pf_confidence confidence;
	bool scalar_ok;
};

#define high PF_CONF_HIGH
#define medium PF_CONF_MEDIUM
#define low PF_CONF_LOW
#define PF_NAME(re, cat, conf, scalar) {PF_ROW_NAME, re, cat, conf, scalar},
#define PF_TYPE(re, cat, conf) {PF_ROW_TYPE, re, cat, conf, true},
#define PF_LAST_NOT(re) {PF_ROW_LAST_NOT, re, NULL, low, false},
#define PF_FIRST_NOT(re) {PF_ROW_FIRST_NOT, re, NULL, low, false},
#define PF_NOT(re, cat) {PF_ROW_NOT, re, cat, low, false},
#define PF_FUNC_NOT(re) {PF_ROW_FUNC_NOT, re, NULL, low, false},
#define PF_SCOPE(re) {PF_ROW_SCOPE, re, NULL, low, false},
#define PF_IN_SCOPE(re, cat, conf, scalar) {PF_ROW_IN_SCOPE, re, cat, conf, scalar},
#define PF_SCOPE_NOT(re, cat) {PF_ROW_SCOPE_NOT, re, cat, low, false},
static const struct pf_row pf_rows[] = {
#include "names.def"
};
#undef high
#undef medium
#undef low

#define PF_NROWS (sizeof(pf_rows) / sizeof(pf_rows[0]))

static regex_t pf_compiled[PF_NROWS];
static pthread_once_t pf_once = PTHREAD_ONCE_INIT;

/* The table is part of the program: a row that does not compile is a bug
 * that every test run shows at once. */
static void pf_compile_rows(void)
{
	for (size_t i = 0; i < PF_NROWS; i++) {
		int rc = regcomp(&pf_compiled[i], pf_rows[i].re, REG_EXTENDED | REG_ICASE);
		if (rc != 0) {
			char msg[256];
			regerror(rc, &pf_compiled[i], msg, sizeof(msg));
			fprintf(stderr, "piiflow: discover/names.def: row %zu: %s: %s\n", i + 1,
			        pf_rows[i].re, msg);
			abort();
		}
	}
}

const char *pf_confidence_name(enum pf_confidence c)
{
	return c == PF_CONF_HIGH ? "high" : c == PF_CONF_MEDIUM ? "medium" : "low";
}

bool pf_discover_normalize(const char *name, char *out, size_t size)
{
	size_t n = 0;
	if (size < 2)
		return false;
	out[n++] = '_';
	for (size_t i = 0; name[i]; i++) {
		unsigned char c = (unsigned char)name[i], prev = i ? (unsigned char)name[i - 1] : 0,
		              next = (unsigned char)name[i + 1];
		bool boundary = false;
		if (!isalnum(c)) {
			if (out[n - 1] != '_') {
				if (n + 1 >= size)
					return false;
				out[n++] = '_';
			}
			continue;
		}
		if (isupper(c) && (islower(prev) || isdigit(prev)))
			boundary = true; /* mailAddr, ipv4Addr */
		else if (isupper(c) && isupper(prev) && islower(next))
			boundary = true; /* IPAddress */
		if (boundary && out[n - 1] != '_') {
			if (n + 1 >= size)
				return false;
			out[n++] = '_';
		}
		if (n + 1 >= size)
			return false;
		out[n++] = (char)tolower(c);
	}
	if (out[n - 1] != '_') {
		if (n + 1 >= size)
			return false;
		out[n++] = '_';
	}
	out[n] = '\0';
	return n > 1;
}

static bool pf_row_matches(size_t i, const char *s, regmatch_t *m)
{
	regmatch_t local;
	return regexec(&pf_compiled[i], s, 1, m ? m : &local, 0) == 0;
}

/* Whether a PF_NOT row of category matches the name, or a PF_SCOPE_NOT row
 * of category the scope (both normalized; scope may be ""). */
static bool pf_excluded(const char *category, const char *norm, const char *snorm)
{
	for (size_t j = 0; j < PF_NROWS; j++) {
		const struct pf_row *r = &pf_rows[j];
		if (r->kind == PF_ROW_NOT && strcmp(r->category, category) == 0 &&
		    pf_row_matches(j, norm, NULL))
			return true;
		if (r->kind == PF_ROW_SCOPE_NOT && snorm[0] && strcmp(r->category, category) == 0 &&
		    pf_row_matches(j, snorm, NULL))
			return true;
	}
	return false;
}

/* Whether scope (a record or function name) is about a person. */
static bool pf_person_scope(const char *scope)
{
	char norm[512];
	if (!scope || !*scope || !pf_discover_normalize(scope, norm, sizeof(norm)))
		return false;
	for (size_t i = 0; i < PF_NROWS; i++)
		if (pf_rows[i].kind == PF_ROW_SCOPE && pf_row_matches(i, norm, NULL))
			return true;
	return false;
}

bool pf_discover_classify(const char *name, const char *scope, enum pf_decl_role role,
                          const char *base_type, bool scalar, struct pf_guess *g)
{
	pthread_once(&pf_once, pf_compile_rows);
	char norm[512];
	if (!name || !pf_discover_normalize(name, norm, sizeof(norm)))
		return false;
	bool person = role == PF_ROLE_DATA && pf_person_scope(scope);
	size_t len = strlen(norm);
	bool is_bool =
	    base_type && (strcmp(base_type, "_Bool") == 0 || strcmp(base_type, "bool") == 0);
	bool is_func = base_type && strchr(base_type, '(') != NULL;
	if (is_bool || is_func || (role == PF_ROLE_FUNCTION && scalar))
		return false; /* a function returning a number returns a status or a count */
	char snorm[512] = "";
	if (scope && *scope)
		pf_discover_normalize(scope, snorm, sizeof(snorm));
	for (size_t i = 0; i < PF_NROWS; i++) {
		enum pf_row_kind k = pf_rows[i].kind;
		if ((k == PF_ROW_FIRST_NOT || (k == PF_ROW_FUNC_NOT && role == PF_ROLE_FUNCTION)) &&
		    pf_row_matches(i, norm, NULL))
			return false;
	}
	bool found = false;
	regmatch_t best_m = {0, 0};
	for (size_t i = 0; i < PF_NROWS; i++) {
		const struct pf_row *r = &pf_rows[i];
		regmatch_t m;
		if ((r->kind != PF_ROW_NAME && (r->kind != PF_ROW_IN_SCOPE || !person)) ||
		    !pf_row_matches(i, norm, &m))
			continue;
		if (scalar && !r->scalar_ok)
			continue;
		if (pf_excluded(r->category, norm, snorm))
			continue;
		bool better = !found || r->confidence > g->confidence ||
		              (r->confidence == g->confidence &&
		               m.rm_eo - m.rm_so > best_m.rm_eo - best_m.rm_so);
		if (better) {
			*g = (struct pf_guess){r->category, r->confidence, "name"};
			best_m = m;
			found = true;
		}
	}
	if (found && (size_t)best_m.rm_eo != len) {
		/* a word after the match: metadata about the data? */
		for (size_t i = 0; i < PF_NROWS; i++)
			if (pf_rows[i].kind == PF_ROW_LAST_NOT && pf_row_matches(i, norm, NULL))
				return false;
	}
	if (found)
		return true;
	if (!base_type || scalar)
		return false;
	for (size_t i = 0; i < PF_NROWS; i++) {
		const struct pf_row *r = &pf_rows[i];
		if (r->kind != PF_ROW_TYPE || !pf_row_matches(i, base_type, NULL))
			continue;
		if (pf_excluded(r->category, norm, snorm))
			return false;
		for (size_t j = 0; j < PF_NROWS; j++)
			if (pf_rows[j].kind == PF_ROW_LAST_NOT && pf_row_matches(j, norm, NULL))
				return false;
		*g = (struct pf_guess){r->category, r->confidence, "type"};
		return true;
	}
	return false;
}
