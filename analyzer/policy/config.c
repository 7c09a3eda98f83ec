/*
 * Finding and reading `.piiflow.json`. Everything is checked before anything
 * is used, because a config is written by hand and a mistake in it changes
 * verdicts silently: "polcy" instead of "policy" would turn a team's
 * "advertising is an error" back into the default without a word. Each
 * error names the file, the JSON path of the bad key with its line and
 * column, and, for a misspelt key, what was probably meant.
 */
#include "policy/config.h"
#include "policy/policy_int.h"
#include "taxonomy/taxonomy.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/file.h"
#include "util/json_path.h"
#include "util/suggest.h"
#include "util/xalloc.h"

#define PF_CONFIG_NAME ".piiflow.json"

void pf_config_init(struct pf_config *c)
{
	memset(c, 0, sizeof(*c));
	c->analysis_budget = -1;
}

void pf_config_free(struct pf_config *c)
{
	free(c->path);
	free(c->dir);
	free(c->build_dir);
	pf_free_strings(c->rules, c->nrules);
	pf_free_strings(c->exclude, c->nexclude);
	for (size_t i = 0; i < c->npolicy; i++) {
		struct pf_config_purpose *p = &c->policy[i];
		free(p->purpose);
		for (size_t j = 0; j < p->ncategories; j++)
			free(p->categories[j].category);
		free(p->categories);
	}
	free(c->policy);
	free(c->cache_dir);
	free(c->baseline);
	for (size_t i = 0; i < c->ndata_uses; i++) {
		free(c->data_uses[i].purpose);
		free(c->data_uses[i].use);
	}
	free(c->data_uses);
	pf_config_init(c);
}

/* The working directory as the kernel reports it (no symlinks), or NULL. */
static char *current_dir(void)
{
	char buf[PATH_MAX];
	return getcwd(buf, sizeof(buf)) ? pf_xstrdup(buf) : NULL;
}

/* dir/path with "." and ".." segments folded, or path when it is absolute.
 * A heap string the caller frees. */
static char *join_path(const char *dir, const char *path)
{
	size_t n = strlen(dir) + strlen(path) + 2;
	char *in = pf_xmalloc(n), *out = pf_xmalloc(n);
	if (path[0] == '/')
		snprintf(in, n, "%s", path);
	else
		snprintf(in, n, "%s/%s", dir, path);
	size_t o = 0;
	for (const char *s = in; *s;) {
		while (*s == '/')
			s++;
		size_t len = strcspn(s, "/");
		if (len == 0)
			break;
		if (len == 1 && s[0] == '.') {
			/* nothing */
		} else if (len == 2 && s[0] == '.' && s[1] == '.') {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
		} else {
			out[o++] = '/';
			memcpy(out + o, s, len);
			o += len;
		}
		s += len;
	}
	if (o == 0)
		out[o++] = '/';
	out[o] = '\0';
	free(in);
	return out;
}

char *pf_config_find(const char *start_dir)
{
	char *cwd = current_dir();
	if (!cwd)
		return NULL;
	char *dir = start_dir ? join_path(cwd, start_dir) : pf_xstrdup(cwd);
	char *found = NULL;
	for (;;) {
		char *candidate = join_path(dir, PF_CONFIG_NAME);
		struct stat st;
		if (stat(candidate, &st) == 0 && !S_ISDIR(st.st_mode)) {
			found = candidate;
			break;
		}
		free(candidate);
		char *slash = strrchr(dir, '/');
		if (!slash || dir[1] == '\0')
			break; /* the filesystem root has been tried */
		if (slash == dir)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
	free(dir);
	if (found) {
		size_t n = strlen(cwd);
		if (strncmp(found, cwd, n) == 0 && found[n] == '/' && n > 1) {
			char *rel = pf_xstrdup(found + n + 1);
			free(found);
			found = rel;
		}
	}
	free(cwd);
	return found;
}

/* ---- checking the document ------------------------------------------------ */

static const char *type_name(const json_t *v)
{
	static const char *const names[] = {
	    [JSON_OBJECT] = "an object", [JSON_ARRAY] = "an array", [JSON_STRING] = "a string",
	    [JSON_INTEGER] = "a number", [JSON_REAL] = "a number",  [JSON_TRUE] = "a boolean",
	    [JSON_FALSE] = "a boolean",  [JSON_NULL] = "null",
	};
	unsigned t = (unsigned)json_typeof(v);
	return t < sizeof(names) / sizeof(*names) && names[t] ? names[t] : "a value";
}

/* Rejects the first key of obj that is not in allowed (NULL-terminated). */
static int check_keys(struct pf_json_cursor *c, json_t *obj, const char *const *allowed)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v)
	{
		const char *best = NULL;
		size_t best_d = 3;
		bool known = false;
		for (const char *const *a = allowed; *a && !known; a++) {
			known = strcmp(*a, key) == 0;
			size_t d = pf_edit_distance(key, *a);
			if (d < best_d && d <= strlen(*a) / 3 + 1) {
				best = *a;
				best_d = d;
			}
		}
		if (known)
			continue;
		if (best)
			return pf_json_fail(c, key, "unknown key '%.64s' (did you mean '%s'?)", key,
			                    best);
		char list[256] = "";
		for (const char *const *a = allowed; *a; a++) {
			size_t n = strlen(list);
			snprintf(list + n, sizeof(list) - n, "%s%s", n ? ", " : "", *a);
		}
		return pf_json_fail(c, key, "unknown key '%.64s' (expected one of: %s)", key, list);
	}
	return 0;
}

/* The value at the current path as a non-empty string without NUL. */
static int want_string(struct pf_json_cursor *c, json_t *v, const char *what, const char **out)
{
	if (!json_is_string(v))
		return pf_json_fail(c, NULL, "%s must be a string, got %s", what, type_name(v));
	if (json_string_length(v) == 0)
		return pf_json_fail(c, NULL, "%s must not be empty", what);
	if (strlen(json_string_value(v)) != json_string_length(v))
		return pf_json_fail(c, NULL, "%s must not contain a NUL character", what);
	*out = json_string_value(v);
	return 0;
}

static int want_level(struct pf_json_cursor *c, json_t *v, enum pf_level *out)
{
	static const char *const names[] = {"off", "warning", "error"};
	static const enum pf_level levels[] = {PF_LEVEL_OFF, PF_LEVEL_WARNING, PF_LEVEL_ERROR};
	if (json_is_string(v))
		for (size_t i = 0; i < 3; i++)
			if (strcmp(json_string_value(v), names[i]) == 0) {
				*out = levels[i];
				return 0;
			}
	if (json_is_string(v))
		return pf_json_fail(c, NULL,
		                    "severity must be \"error\", \"warning\" or \"off\", "
		                    "got \"%.64s\"",
		                    json_string_value(v));
	return pf_json_fail(c, NULL, "severity must be \"error\", \"warning\" or \"off\", got %s",
	                    type_name(v));
}

/* A path-valued key: a string, made absolute against the config's dir. */
static int get_path(struct pf_json_cursor *c, json_t *root, const char *key, const char *dir,
                    char **out)
{
	json_t *v = json_object_get(root, key);
	if (!v)
		return 0;
	const char *s;
	pf_json_push_key(c, key);
	int rc = want_string(c, v, key, &s);
	pf_json_pop(c);
	if (rc == 0)
		*out = join_path(dir, s);
	return rc;
}

/* A whole number from 0 to 10^12, or -1 when the key is absent. */
static int get_count(struct pf_json_cursor *c, json_t *root, const char *key, long long *out)
{
	json_t *v = json_object_get(root, key);
	if (!v)
		return 0;
	pf_json_push_key(c, key);
	int rc = 0;
	if (!json_is_integer(v) || json_integer_value(v) < 0 ||
	    json_integer_value(v) > 1000000000000LL)
		rc = pf_json_fail(c, NULL, "%s must be a whole number from 0 to 10^12, got %s", key,
		                  json_is_integer(v) ? "a number out of range"
		                  : json_is_real(v)  ? "a fractional number"
		                                     : type_name(v));
	else
		*out = (long long)json_integer_value(v);
	pf_json_pop(c);
	return rc;
}

/* true or false; left as it was when the key is absent. */
static int get_bool(struct pf_json_cursor *c, json_t *root, const char *key, bool *out)
{
	json_t *v = json_object_get(root, key);
	if (!v)
		return 0;
	pf_json_push_key(c, key);
	int rc = 0;
	if (!json_is_boolean(v))
		rc = pf_json_fail(c, NULL, "%s must be true or false, got %s", key, type_name(v));
	else
		*out = json_is_true(v);
	pf_json_pop(c);
	return rc;
}

/* An array of strings; absolute paths against dir when dir is given. */
static int get_strings(struct pf_json_cursor *c, json_t *root, const char *key, const char *dir,
                       char ***out, size_t *n)
{
	json_t *v = json_object_get(root, key);
	if (!v)
		return 0;
	pf_json_push_key(c, key);
	int rc = 0;
	if (!json_is_array(v)) {
		rc = pf_json_fail(c, NULL, "%s must be an array of strings, got %s", key,
		                  type_name(v));
		goto done;
	}
	*out = pf_xcalloc(json_array_size(v) + 1, sizeof(**out));
	size_t i;
	json_t *item;
	json_array_foreach(v, i, item)
	{
		const char *s;
		pf_json_push_index(c, i);
		rc = want_string(c, item, "each entry", &s);
		pf_json_pop(c);
		if (rc)
			goto done;
		(*out)[(*n)++] = dir ? join_path(dir, s) : pf_xstrdup(s);
	}
done:
	pf_json_pop(c);
	return rc;
}

/* A purpose is a bare lower-case word (it becomes part of a rule id); a
 * category a dotted key. */
static bool is_word(const char *s, bool dots)
{
	if (!islower((unsigned char)s[0]))
		return false;
	for (const char *p = s; *p; p++) {
		if (*p == '.' && dots && p[1] && p[1] != '.')
			continue;
		if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && *p != '_' &&
		    (*p != '-' || dots))
			return false;
	}
	return true;
}

/* An object keyed by purpose ("policy", "data_uses"). */
static int want_purpose_object(struct pf_json_cursor *c, const json_t *v, const char *what,
                               const char *values)
{
	if (json_is_object(v))
		return 0;
	return pf_json_fail(c, NULL, "%s must be an object of purpose -> %s, got %s", what, values,
	                    type_name(v));
}

/* A key of an object keyed by purpose: a bare lower-case word. */
static int want_purpose_key(struct pf_json_cursor *c, const char *name, const char *examples)
{
	if (is_word(name, false))
		return 0;
	return pf_json_fail(c, name, "'%.64s' is not a purpose (a bare lower-case word such as %s)",
	                    name, examples);
}

static int get_categories(struct pf_json_cursor *c, json_t *v, struct pf_config_purpose *p)
{
	if (!json_is_object(v))
		return pf_json_fail(c, NULL,
		                    "categories must be an object of category -> severity, got %s",
		                    type_name(v));
	p->categories = pf_xcalloc(json_object_size(v) + 1, sizeof(*p->categories));
	const char *cat;
	json_t *level;
	json_object_foreach(v, cat, level)
	{
		if (!is_word(cat, true))
			return pf_json_fail(c, cat,
			                    "'%.64s' is not a category key such as "
			                    "user.unique_id.pseudonymous",
			                    cat);
		struct pf_config_category *e = &p->categories[p->ncategories++];
		e->category = pf_xstrdup(cat);
		pf_json_push_key(c, cat);
		int rc = want_level(c, level, &e->level);
		pf_json_pop(c);
		if (rc)
			return rc;
	}
	return 0;
}

/* purpose -> "error" | "warning" | "off", or purpose -> {"default": LEVEL,
 * "categories": {CATEGORY: LEVEL, ...}}. */
static int get_purpose(struct pf_json_cursor *c, const char *name, json_t *v,
                       struct pf_config_purpose *p)
{
	static const char *const keys[] = {"default", "categories", NULL};
	p->purpose = pf_xstrdup(name);
	if (json_is_string(v))
		return want_level(c, v, &p->level);
	if (!json_is_object(v))
		return pf_json_fail(
		    c, NULL,
		    "a purpose's policy must be \"error\", \"warning\", \"off\" or an "
		    "object with \"default\" and \"categories\", got %s",
		    type_name(v));
	if (check_keys(c, v, keys))
		return -1;
	json_t *def = json_object_get(v, "default");
	if (def) {
		pf_json_push_key(c, "default");
		int rc = want_level(c, def, &p->level);
		pf_json_pop(c);
		if (rc)
			return rc;
	}
	json_t *cats = json_object_get(v, "categories");
	if (cats) {
		pf_json_push_key(c, "categories");
		int rc = get_categories(c, cats, p);
		pf_json_pop(c);
		if (rc)
			return rc;
	}
	return 0;
}

/* The object keyed by purpose at root[key] ("policy", "data_uses"): values
 * and examples for the messages; *array is given a slot per entry, which
 * get fills (with the entry's key pushed). */
static int get_purpose_object(struct pf_json_cursor *c, json_t *root, const char *key,
                              const char *values, const char *examples, void **array, size_t size,
                              int (*get)(struct pf_json_cursor *c, const char *purpose, json_t *v,
                                         void *ctx),
                              void *ctx)
{
	json_t *v = json_object_get(root, key);
	if (!v)
		return 0;
	pf_json_push_key(c, key);
	int rc = want_purpose_object(c, v, key, values);
	if (rc == 0)
		*array = pf_xcalloc(json_object_size(v) + 1, size);
	const char *name;
	json_t *entry;
	json_object_foreach(v, name, entry)
	{
		if (rc || (rc = want_purpose_key(c, name, examples)) != 0)
			break;
		pf_json_push_key(c, name);
		rc = get(c, name, entry, ctx);
		pf_json_pop(c);
	}
	pf_json_pop(c);
	return rc;
}

static int get_policy_entry(struct pf_json_cursor *c, const char *purpose, json_t *v, void *ctx)
{
	struct pf_config *cfg = ctx;
	return get_purpose(c, purpose, v, &cfg->policy[cfg->npolicy++]);
}

struct data_uses_ctx {
	struct pf_config *cfg;
	const struct pf_taxonomy *uses;
};

/* "data_uses": {"purpose": "fideslang.data_use", ...}, each use known to
 * uses when it is given. */
static int get_data_use(struct pf_json_cursor *c, const char *purpose, json_t *v, void *ctx)
{
	const struct data_uses_ctx *x = ctx;
	const char *use;
	int rc = want_string(c, v, "a data use", &use);
	if (rc == 0 && x->uses && !pf_taxonomy_known(x->uses, use)) {
		const char *near = pf_taxonomy_nearest(x->uses, use);
		if (near)
			return pf_json_fail(
			    c, NULL, "unknown fideslang data use '%.64s' (did you mean '%s'?)", use,
			    near);
		return pf_json_fail(c, NULL,
		                    "unknown fideslang data use '%.64s' (such as "
		                    "marketing.advertising, analytics.reporting or "
		                    "essential.service)",
		                    use);
	}
	if (rc)
		return rc;
	struct pf_config_data_use *d = &x->cfg->data_uses[x->cfg->ndata_uses++];
	d->purpose = pf_xstrdup(purpose);
	d->use = pf_xstrdup(use);
	return 0;
}

static int parse_doc(struct pf_json_cursor *c, json_t *root, struct pf_config *cfg,
                     const struct pf_taxonomy *uses)
{
	static const char *const keys[] = {"build_dir", "rules",
	                                   "exclude",   "policy",
	                                   "cache_dir", "analysis_budget",
	                                   "baseline",  "allow_parse_errors",
	                                   "data_uses", NULL};
	struct data_uses_ctx data_uses = {cfg, uses};
	if (!json_is_object(root))
		return pf_json_fail(c, NULL, "a config must be a JSON object, got %s",
		                    type_name(root));
	if (check_keys(c, root, keys) ||
	    get_path(c, root, "build_dir", cfg->dir, &cfg->build_dir) ||
	    get_strings(c, root, "rules", cfg->dir, &cfg->rules, &cfg->nrules) ||
	    get_strings(c, root, "exclude", NULL, &cfg->exclude, &cfg->nexclude) ||
	    get_purpose_object(c, root, "policy", "severity", "advertising, marketing or analytics",
	                       (void **)&cfg->policy, sizeof(*cfg->policy), get_policy_entry,
	                       cfg) ||
	    get_path(c, root, "cache_dir", cfg->dir, &cfg->cache_dir) ||
	    get_count(c, root, "analysis_budget", &cfg->analysis_budget) ||
	    get_bool(c, root, "allow_parse_errors", &cfg->allow_parse_errors) ||
	    get_path(c, root, "baseline", cfg->dir, &cfg->baseline) ||
	    get_purpose_object(c, root, "data_uses", "fideslang data use",
	                       "advertising, analytics or crash_reports", (void **)&cfg->data_uses,
	                       sizeof(*cfg->data_uses), get_data_use, &data_uses))
		return -1;
	return 0;
}

int pf_config_load(struct pf_config *cfg, const char *path, struct pf_error *err)
{
	return pf_config_load_checked(cfg, path, NULL, err);
}

int pf_config_load_checked(struct pf_config *cfg, const char *path, const struct pf_taxonomy *uses,
                           struct pf_error *err)
{
	char *text = NULL;
	size_t len = 0;
	json_t *root = NULL;
	int rc = -1;
	pf_config_init(cfg);
	char real[PATH_MAX];
	if (pf_policy_read_json(path, "config file", JSON_REJECT_DUPLICATES, &text, &len, &root,
	                        err) != 0)
		goto done;
	if (!realpath(path, real)) {
		pf_error_set(err, "cannot read config file: %s", strerror(errno));
		goto done;
	}
	cfg->path = pf_xstrdup(path);
	char *slash = strrchr(real, '/');
	slash[slash == real] = '\0'; /* the directory, or "/" */
	cfg->dir = pf_xstrdup(real);
	struct pf_json_cursor c = {.text = text, .len = len, .err = err, .key_in_path = true};
	rc = parse_doc(&c, root, cfg, uses);
done:
	if (rc)
		pf_config_free(cfg);
	json_decref(root);
	free(text);
	return rc;
}

enum pf_level pf_config_level(const struct pf_config *c, const char *purpose, const char *category)
{
	for (size_t i = 0; purpose && i < c->npolicy; i++) {
		const struct pf_config_purpose *p = &c->policy[i];
		if (strcmp(p->purpose, purpose) != 0)
			continue;
		const struct pf_config_category *best = NULL;
		size_t best_len = 0;
		for (size_t j = 0; category && j < p->ncategories; j++) {
			const char *k = p->categories[j].category;
			size_t n = strlen(k);
			bool covers = strncmp(category, k, n) == 0 &&
			              (category[n] == '\0' || category[n] == '.');
			if (covers && n > best_len) {
				best = &p->categories[j];
				best_len = n;
			}
		}
		return best ? best->level : p->level;
	}
	return PF_LEVEL_UNSET;
}

bool pf_config_excluded(const struct pf_config *c, const char *file)
{
	if (!c->nexclude || !file || !file[0])
		return false;
	char real[PATH_MAX];
	char *abs;
	if (realpath(file, real)) {
		abs = pf_xstrdup(real);
	} else {
		char *cwd = current_dir();
		abs = join_path(cwd ? cwd : "/", file);
		free(cwd);
	}
	const char *rel = NULL;
	size_t n = c->dir ? strlen(c->dir) : 0;
	if (n && strncmp(abs, c->dir, n) == 0 && (abs[n] == '/' || c->dir[n - 1] == '/'))
		rel = abs + n + (abs[n] == '/');
	bool hit = false;
	for (size_t i = 0; i < c->nexclude && !hit; i++) {
		if (c->exclude[i][0] == '/')
			hit = pf_glob_match(c->exclude[i], abs);
		else if (rel)
			hit = pf_glob_match(c->exclude[i], rel);
	}
	free(abs);
	return hit;
}

/* The nearest of known[] to name, or NULL when none is a likely typo. */
static const char *pf_nearest_name(const char *name, const char *const *known, size_t n)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		size_t d = pf_edit_distance(name, known[i]);
		if (d < best_d && d <= strlen(known[i]) / 3 + 1 && d <= 3) {
			best = known[i];
			best_d = d;
		}
	}
	return best;
}

int pf_config_check_policy(const struct pf_config *cfg, const struct pf_taxonomy *tax,
                           const char *const *purposes, size_t npurposes, struct pf_error *err)
{
	if (!cfg->path || !cfg->npolicy)
		return 0;
	char *text = NULL;
	size_t len = 0;
	pf_error_begin(err, cfg->path);
	if (pf_read_file(cfg->path, &text, &len) != 0)
		text = NULL, len = 0; /* no line and column then */
	struct pf_json_cursor c = {.text = text, .len = len, .err = err, .key_in_path = true};
	int rc = 0;
	pf_json_push_key(&c, "policy");
	for (size_t i = 0; rc == 0 && i < cfg->npolicy; i++) {
		const struct pf_config_purpose *p = &cfg->policy[i];
		bool known = false;
		for (size_t k = 0; k < npurposes && !known; k++)
			known = strcmp(purposes[k], p->purpose) == 0;
		if (!known) {
			const char *near = pf_nearest_name(p->purpose, purposes, npurposes);
			char list[512] = "";
			for (size_t k = 0; k < npurposes; k++) {
				size_t n = strlen(list);
				snprintf(list + n, sizeof(list) - n, "%s%s", n ? ", " : "",
				         purposes[k]);
			}
			if (near)
				rc = pf_json_fail(&c, p->purpose,
				                  "unknown purpose '%.64s' (did you mean '%s'?)",
				                  p->purpose, near);
			else
				rc = pf_json_fail(
				    &c, p->purpose,
				    "unknown purpose '%.64s': no sink, rule or consent "
				    "function uses it (known: %s)",
				    p->purpose, list);
			break;
		}
		pf_json_push_key(&c, p->purpose);
		pf_json_push_key(&c, "categories");
		for (size_t j = 0; tax && rc == 0 && j < p->ncategories; j++) {
			const char *cat = p->categories[j].category;
			if (pf_taxonomy_known(tax, cat))
				continue;
			const char *near = pf_taxonomy_nearest(tax, cat);
			if (near)
				rc = pf_json_fail(&c, cat,
				                  "unknown category '%.64s' (did you mean '%s'?)",
				                  cat, near);
			else
				rc = pf_json_fail(&c, cat,
				                  "unknown category '%.64s' (not in the taxonomy, "
				                  "rules/taxonomy.csv)",
				                  cat);
		}
		pf_json_pop(&c);
		pf_json_pop(&c);
	}
	free(text);
	return rc;
}
