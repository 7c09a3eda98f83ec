/*
 * The project configuration, `.piiflow.json` (SPEC section 4): what a privacy
 * team writes once so that every run of piiflow in the project, from a
 * developer's shell, a pre-commit hook or CI, applies the same policy. It is
 * looked up from the working directory upwards, like .clang-format, and read
 * strictly: a misspelt key would otherwise silently switch a rule back on or
 * off, so unknown keys and wrong types are errors that name the file, the
 * JSON path of the key and its line and column. A pf_config owns all of its
 * strings; pf_config_free releases them. jansson types stay inside.
 */
#ifndef PF_POLICY_CONFIG_H
#define PF_POLICY_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

/* The severity a policy gives a purpose: UNSET where the config says nothing
 * (the default, error), OFF to drop such findings altogether. */
enum pf_level { PF_LEVEL_UNSET, PF_LEVEL_OFF, PF_LEVEL_WARNING, PF_LEVEL_ERROR };

/* "user.unique_id.pseudonymous": "off" inside a purpose's "categories". */
struct pf_config_category {
	char *category;
	enum pf_level level;
};

/* One entry of "policy": the purpose's default level and its narrowing by
 * category (a category covers its descendants; the most specific wins). */
struct pf_config_purpose {
	char *purpose;
	enum pf_level level; /* "default", or the level written alone */
	struct pf_config_category *categories;
	size_t ncategories;
};

/* "data_uses": a purpose of the project's own mapped to a fideslang data
 * use, for the manifest of `piiflow map --format fideslang`. */
struct pf_config_data_use {
	char *purpose;
	char *use;
};

struct pf_config {
	char *path;      /* the file read, for messages; NULL when there is none */
	char *dir;       /* its directory, absolute, without symlinks */
	char *build_dir; /* absolute (relative to dir in the file), or NULL */
	char **rules;    /* rules files, absolute (relative to dir in the file) */
	size_t nrules;
	char **exclude; /* path globs, as written; see pf_glob_match */
	size_t nexclude;
	struct pf_config_purpose *policy;
	size_t npolicy;
	char *cache_dir; /* absolute, or NULL; reserved for the summary cache */
	/* analysis_budget: millions of set operations for the whole program's
	 * flow analysis, 0 for no limit; -1 when the file does not set it */
	long long analysis_budget;
	/* a unit with compile errors is analyzed with a warning instead of
	 * stopping the run (--allow-parse-errors) */
	bool allow_parse_errors;
	/* baseline: the baseline file read when --baseline is not given,
	 * absolute (relative to dir in the file), or NULL */
	char *baseline;
	struct pf_config_data_use *data_uses;
	size_t ndata_uses;
};

void pf_config_init(struct pf_config *c);
void pf_config_free(struct pf_config *c);

/* The nearest `.piiflow.json` in start_dir (the working directory when NULL)
 * or one of its parents, up to the filesystem root. Returns a heap string the
 * caller frees (relative to the working directory when the file lies in it,
 * else absolute), or NULL when there is none. */
char *pf_config_find(const char *start_dir);

/* Reads and checks one config file into c (initialized here). Returns 0, or
 * -1 with *err filled and c left empty. Paths in the file are taken relative
 * to the file's directory. */
int pf_config_load(struct pf_config *c, const char *path, struct pf_error *err);

/* The same, checking every data use of "data_uses" against the known data
 * uses (a pf_taxonomy of fideslang's data-use keys; NULL: not checked). An
 * unknown one is an error with the nearest known key as a did-you-mean. */
struct pf_taxonomy;
int pf_config_load_checked(struct pf_config *c, const char *path, const struct pf_taxonomy *uses,
                           struct pf_error *err);

/* The level of a finding for purpose and category under c: the most specific
 * category entry covering category, else the purpose's default, else
 * PF_LEVEL_UNSET. */
enum pf_level pf_config_level(const struct pf_config *c, const char *purpose, const char *category);

/* True when file (a path relative to the working directory, or absolute)
 * matches one of c's exclude globs. */
bool pf_config_excluded(const struct pf_config *c, const char *file);

/* Matches a path relative to the config's directory against one exclude
 * glob, with fnmatch's FNM_PATHNAME semantics ("*", "?" and "[...]" stay
 * within one path segment) plus "**", a whole segment that matches any number
 * of segments, none included. A glob also matches everything under a
 * directory it matches ("third_party" excludes third_party/zlib/inflate.c).
 * A glob starting with "/" is matched against the absolute path instead. */
bool pf_glob_match(const char *glob, const char *path);

/* Checks the names c's policy uses against what the run knows: each
 * purpose must be one of purposes[] (those of the rules, the annotations
 * and the three standard ones), each category a key of tax. Returns 0, or
 * -1 with *err naming the key, its line and column and the nearest known
 * name. */
struct pf_taxonomy;
int pf_config_check_policy(const struct pf_config *c, const struct pf_taxonomy *tax,
                           const char *const *purposes, size_t npurposes, struct pf_error *err);

#endif
