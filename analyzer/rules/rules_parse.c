/*
 * The checker of one rules document (SPEC section 3). A rules file is written
 * by hand, often by someone who has never seen the format, and a mistake in it
 * silently hides findings: a misspelt key, an index off by one, a regex that
 * matches nothing. So everything is checked before anything is used, and each
 * error names the JSON path of the bad entry, says what is wrong and, where a
 * key is misspelt, what was probably meant.
 */
#include "rules_internal.h"

#include <ctype.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/suggest.h"
#include "util/xalloc.h"

/* No C function has this many parameters; a larger index is a typo. */
#define PF_RULES_MAX_ARG 1023

struct parse {
	struct pf_rules *out; /* the file's entries; out->files[0] is its path */
	bool shipped;
	struct pf_json_cursor cur; /* the value being checked, and where errors go */
};

static void push_key(struct parse *p, const char *key)
{
	pf_json_push_key(&p->cur, key);
}

static void push_index(struct parse *p, size_t index)
{
	pf_json_push_index(&p->cur, index);
}

static void pop(struct parse *p)
{
	pf_json_pop(&p->cur);
}

/* Records an error at the current path; with key, the error is about that key
 * of the current object and points at it. Returns -1. */
__attribute__((format(printf, 3, 4))) static int fail(struct parse *p, const char *key,
                                                      const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pf_json_vfail(&p->cur, key, fmt, ap);
	va_end(ap);
	return -1;
}

/* Records an error about the value of key in the current object: the path
 * names the key and the position is its value's. Returns -1. */
__attribute__((format(printf, 3, 4))) static int fail_value(struct parse *p, const char *key,
                                                            const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	push_key(p, key);
	pf_json_vfail(&p->cur, NULL, fmt, ap);
	pop(p);
	va_end(ap);
	return -1;
}

static const char *type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
		return "an integer";
	case JSON_REAL:
		return "a number with a fraction";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	case JSON_NULL:
		return "null";
	}
	return "a value";
}

static bool in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

/* Rejects the first key of obj that is not in allowed, suggesting the
 * nearest allowed key when it is a likely typo. */
static int check_keys(struct parse *p, json_t *obj, const char *const *allowed, const char *what)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v)
	{
		if (in_list(allowed, key))
			continue;
		const char *best = NULL;
		size_t best_d = (size_t)-1;
		for (const char *const *a = allowed; *a; a++) {
			size_t d = pf_edit_distance(key, *a);
			size_t limit = strlen(*a) >= 6 ? 2 : 1;
			if (strlen(key) >= 3 && strncasecmp(*a, key, strlen(key)) == 0)
				d = 1; /* an abbreviation: "ret", "func" */
			if (d <= limit && d < best_d) {
				best = *a;
				best_d = d;
			}
		}
		if (best)
			return fail(p, key, "unknown key '%.64s' (did you mean '%s'?)", key, best);
		char list[256] = "";
		for (const char *const *a = allowed; *a; a++) {
			size_t n = strlen(list);
			snprintf(list + n, sizeof(list) - n, "%s%s", n ? ", " : "", *a);
		}
		return fail(p, key, "unknown key '%.64s' in %s (expected one of: %s)", key, what,
		            list);
	}
	return 0;
}

/* Reads obj[key] as a non-empty string. Returns 1 when present, 0 when
 * absent (an error when required), -1 on error. */
static int get_string(struct parse *p, json_t *obj, const char *key, bool required,
                      const char **out)
{
	json_t *v = json_object_get(obj, key);
	*out = NULL;
	if (!v)
		return required ? fail(p, NULL, "missing key '%s'", key) : 0;
	push_key(p, key);
	int rc = 1;
	if (!json_is_string(v))
		rc = fail(p, NULL, "'%s' must be a string, got %s", key, type_name(v));
	else if (json_string_length(v) == 0)
		rc = fail(p, NULL, "'%s' must not be empty", key);
	else if (strlen(json_string_value(v)) != json_string_length(v))
		rc = fail(p, NULL, "'%s' must not contain a NUL character", key);
	else
		*out = json_string_value(v);
	pop(p);
	return rc;
}

static bool is_identifier(const char *s, size_t n)
{
	if (n == 0 || (!isalpha((unsigned char)s[0]) && s[0] != '_'))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_')
			return false;
	return true;
}

/* A function or global name: a C identifier. */
static int get_name(struct parse *p, json_t *obj, const char *key, bool required, const char **out)
{
	int rc = get_string(p, obj, key, required, out);
	if (rc <= 0 || is_identifier(*out, strlen(*out)))
		return rc;
	return fail_value(p, key, "'%s' must be a C identifier, got '%.100s'", key, *out);
}

/* A purpose is a bare lower-case word, as in PII_SINK(advertising); it
 * becomes part of a rule id (pii-to-<purpose>). */
static int get_purpose(struct parse *p, json_t *obj, char **out)
{
	const char *s;
	if (get_string(p, obj, "purpose", true, &s) < 0)
		return -1;
	bool ok = islower((unsigned char)s[0]);
	for (const char *c = s; ok && *c; c++)
		ok = islower((unsigned char)*c) || isdigit((unsigned char)*c) || *c == '_' ||
		     *c == '-';
	if (!ok)
		return fail_value(p, "purpose",
		                  "'purpose' must be a bare lower-case word such as advertising, "
		                  "marketing or analytics, got '%.100s'",
		                  s);
	*out = pf_xstrdup(s);
	return 0;
}

/* A category is a dotted fideslang-style key; whether the taxonomy knows it
 * is checked where the taxonomy is loaded. */
static int get_category(struct parse *p, json_t *obj, char **out)
{
	const char *s;
	if (get_string(p, obj, "category", true, &s) < 0)
		return -1;
	bool ok = true;
	for (const char *c = s; ok && *c; c++) {
		if (*c == '.')
			ok = c != s && c[1] != '\0' && c[1] != '.';
		else
			ok = islower((unsigned char)*c) || isdigit((unsigned char)*c) || *c == '_';
	}
	if (!ok)
		return fail_value(p, "category",
		                  "'category' must be a dotted key such as user.contact.email, "
		                  "got '%.100s'",
		                  s);
	*out = pf_xstrdup(s);
	return 0;
}

static int get_bool(struct parse *p, json_t *obj, const char *key, bool *out)
{
	json_t *v = json_object_get(obj, key);
	if (!v)
		return 0;
	if (!json_is_boolean(v))
		return fail_value(p, key, "'%s' must be true or false, got %s", key, type_name(v));
	*out = json_is_true(v);
	return 1;
}

static bool same_pos(struct pf_argpos a, struct pf_argpos b)
{
	if (a.kind != b.kind)
		return false;
	if (a.kind != PF_ARG_INDEX)
		return true;
	if (a.name || b.name) /* a name and an index may still be one parameter */
		return a.name && b.name && strcmp(a.name, b.name) == 0;
	return a.index == b.index;
}

static const char *pos_name(struct pf_argpos pos, char *buf, size_t size)
{
	if (pos.kind == PF_ARG_VARIADIC)
		return "\"...\"";
	if (pos.kind == PF_ARG_RETURN)
		return "\"return\"";
	if (pos.name)
		snprintf(buf, size, "'%.40s'", pos.name);
	else
		snprintf(buf, size, "%d", pos.index);
	return buf;
}

/* How a list of positions may be written where it is read. */
struct poslist_rules {
	bool allow_return;
	bool allow_empty;
	const char *return_hint; /* why "return" is wrong here */
	const char *empty_hint;  /* what to write instead of [] */
};

static int get_one_pos(struct parse *p, json_t *v, const char *key, const struct poslist_rules *how,
                       struct pf_argpos *pos)
{
	if (json_is_integer(v)) {
		json_int_t i = json_integer_value(v);
		if (i < 0)
			return fail(p, NULL, "argument position must not be negative, got %lld",
			            (long long)i);
		if (i > PF_RULES_MAX_ARG)
			return fail(p, NULL, "argument position %lld is out of range (at most %d)",
			            (long long)i, PF_RULES_MAX_ARG);
		*pos = (struct pf_argpos){PF_ARG_INDEX, (int)i, NULL};
		return 0;
	}
	const char *expected = how->allow_return
	                           ? "an index from 0, a parameter name, \"...\" or \"return\""
	                           : "an index from 0, a parameter name or \"...\"";
	if (!json_is_string(v))
		return fail(p, NULL, "argument position must be %s, got %s", expected,
		            type_name(v));
	const char *s = json_string_value(v);
	if (strcmp(s, "...") == 0) {
		*pos = (struct pf_argpos){PF_ARG_VARIADIC, 0, NULL};
		return 0;
	}
	if (strcmp(s, "return") == 0) {
		if (!how->allow_return)
			return fail(p, NULL, "\"return\" is not allowed in '%s' (%s)", key,
			            how->return_hint);
		*pos = (struct pf_argpos){PF_ARG_RETURN, 0, NULL};
		return 0;
	}
	if (is_identifier(s, strlen(s))) {
		*pos = (struct pf_argpos){PF_ARG_INDEX, -1, pf_xstrdup(s)};
		return 0;
	}
	return fail(p, NULL, "unknown argument position '%.64s' (expected %s)", s, expected);
}

/* Opens the array obj[key] of what: 0 when absent, 1 with the key pushed
 * and *arr set when it is an array, -1 on error. */
static int open_array(struct parse *p, json_t *obj, const char *key, const char *what, json_t **arr)
{
	*arr = json_object_get(obj, key);
	if (!*arr)
		return 0;
	if (!json_is_array(*arr))
		return fail_value(p, key, "'%s' must be an array of %s, got %s", key, what,
		                  type_name(*arr));
	push_key(p, key);
	return 1;
}

/* Reads obj[key] as a list of argument positions into *out (which the entry
 * owns at once, so that a later error frees it with the entry). Returns 1
 * when present, 0 when absent, -1 on error. */
static int get_positions(struct parse *p, json_t *obj, const char *key,
                         const struct poslist_rules *how, struct pf_argpos **out, size_t *n)
{
	json_t *v;
	int rc = open_array(p, obj, key, "argument positions", &v);
	if (rc <= 0)
		return rc;
	if (json_array_size(v) == 0 && !how->allow_empty) {
		rc = fail(p, NULL, "'%s' must not be empty (%s)", key, how->empty_hint);
	} else {
		*out = pf_xcalloc(json_array_size(v), sizeof(**out));
		for (size_t i = 0; rc > 0 && i < json_array_size(v); i++) {
			struct pf_argpos pos = {0};
			push_index(p, i);
			rc = get_one_pos(p, json_array_get(v, i), key, how, &pos);
			for (size_t j = 0; rc == 0 && j < *n; j++) {
				char buf[48];
				if (same_pos((*out)[j], pos))
					rc = fail(p, NULL, "argument position %s is listed twice",
					          pos_name(pos, buf, sizeof(buf)));
			}
			if (rc == 0) {
				(*out)[(*n)++] = pos;
				rc = 1;
			} else {
				free(pos.name);
			}
			pop(p);
		}
	}
	pop(p);
	return rc;
}

/* The first position the two lists share, or false. */
static bool overlap(const struct pf_argpos *a, size_t na, const struct pf_argpos *b, size_t nb,
                    struct pf_argpos *shared)
{
	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < nb; j++)
			if (same_pos(a[i], b[j])) {
				*shared = a[i];
				return true;
			}
	return false;
}

static const char *const top_keys[] = {"piiflow_rules", "name",        "comment",     "sources",
                                       "sinks",         "propagators", "anonymizers", "consent",
                                       "endpoints",     NULL};
static const char *const source_keys[] = {"function", "field",   "variable", "return", "args",
                                          "category", "comment", "when",     NULL};
static const char *const sink_keys[] = {"function", "function_regex", "args", "purpose",
                                        "comment",  "when",           NULL};
static const char *const propagator_keys[] = {"function", "from", "to", "replace",
                                              "comment",  "when", NULL};
static const char *const when_keys[] = {"arg", "is", NULL};

/* "when": {"arg": POSITION, "is": ["USER", ...]}: the entry applies only to
 * calls whose argument is one of these string literals. */
static int get_when(struct parse *p, json_t *obj, struct pf_rule_when **out)
{
	static const struct poslist_rules arg_rules = {
	    .return_hint = "'when' looks at an argument",
	};
	json_t *v = json_object_get(obj, "when");
	if (!v)
		return 0;
	push_key(p, "when");
	int rc = 0;
	struct pf_rule_when *w = pf_xcalloc(1, sizeof(*w));
	*out = w;
	json_t *arg = json_object_get(v, "arg"), *is = json_object_get(v, "is");
	if (!json_is_object(v)) {
		rc = fail(p, NULL,
		          "'when' must be an object such as {\"arg\": 0, \"is\": [\"USER\"]}, "
		          "got %s",
		          type_name(v));
		goto done;
	}
	if (check_keys(p, v, when_keys, "'when'") < 0) {
		rc = -1;
		goto done;
	}
	if (!arg || !is) {
		rc = fail(p, NULL, "'when' needs 'arg' (a position) and 'is' (string literals)");
		goto done;
	}
	push_key(p, "arg");
	rc = get_one_pos(p, arg, "when.arg", &arg_rules, &w->arg);
	if (rc == 0 && w->arg.kind != PF_ARG_INDEX)
		rc = fail(p, NULL, "'arg' must name one argument (an index or a parameter name)");
	pop(p);
	if (rc < 0)
		goto done;
	push_key(p, "is");
	if (!json_is_array(is) || json_array_size(is) == 0) {
		rc = fail(p, NULL, "'is' must be a non-empty array of strings, got %s",
		          json_is_array(is) ? "an empty array" : type_name(is));
	} else {
		w->is = pf_xcalloc(json_array_size(is), sizeof(*w->is));
		for (size_t i = 0; rc == 0 && i < json_array_size(is); i++) {
			json_t *item = json_array_get(is, i);
			push_index(p, i);
			if (!json_is_string(item) ||
			    strlen(json_string_value(item)) != json_string_length(item))
				rc = fail(p, NULL, "each entry of 'is' must be a string, got %s",
				          type_name(item));
			else
				w->is[w->nis++] = pf_xstrdup(json_string_value(item));
			pop(p);
		}
	}
	pop(p);
done:
	pop(p);
	return rc < 0 ? -1 : 0;
}
static const char *const anonymizer_keys[] = {"function", "comment", NULL};
static const char *const consent_keys[] = {"function", "purpose", "comment", NULL};
static const char *const endpoint_keys[] = {"host", "purpose", "comment", NULL};

static int check_comment(struct parse *p, json_t *obj)
{
	const char *unused;
	return get_string(p, obj, "comment", false, &unused) < 0 ? -1 : 0;
}

/* "record.field": a struct or typedef name and one of its fields. */
static int set_field(struct parse *p, struct pf_rule_source *s, const char *text)
{
	const char *dot = strchr(text, '.');
	if (!dot || strchr(dot + 1, '.') || !is_identifier(text, (size_t)(dot - text)) ||
	    !is_identifier(dot + 1, strlen(dot + 1)))
		return fail_value(
		    p, "field",
		    "'field' must be \"record.field\" (a struct or typedef name, a dot "
		    "and a field name), got '%.100s'",
		    text);
	s->kind = PF_SRC_FIELD;
	s->name = pf_xstrdup(text);
	s->record = pf_xstrdup(text);
	s->record[dot - text] = '\0';
	s->field = pf_xstrdup(dot + 1);
	return 0;
}

/* What the "args" of a source and of a sink may hold. */
static const struct poslist_rules source_args_rules = {
    .return_hint = "use \"return\": true for the return value",
    .empty_hint = "list the out-parameters, or leave 'args' out",
};
static const struct poslist_rules sink_args_rules = {
    .return_hint = "a sink receives arguments; a return value is not sent anywhere",
    .empty_hint = "leave 'args' out for every argument",
};

static int parse_source(struct parse *p, json_t *e, void *entry)
{
	struct pf_rule_source *s = entry;
	const char *fn, *field, *var;
	if (get_name(p, e, "function", false, &fn) < 0 ||
	    get_string(p, e, "field", false, &field) < 0 ||
	    get_name(p, e, "variable", false, &var) < 0)
		return -1;
	int kinds = !!fn + !!field + !!var;
	if (kinds == 0)
		return fail(p, NULL, "a source needs one of 'function', 'field' or 'variable'");
	if (kinds > 1)
		return fail(p, NULL,
		            "a source takes only one of 'function', 'field' and 'variable'");
	if (!fn) {
		static const char *const fn_only[] = {"return", "args", "when"};
		for (size_t i = 0; i < 3; i++)
			if (json_object_get(e, fn_only[i]))
				return fail(p, fn_only[i],
				            "'%s' is only valid on a function source", fn_only[i]);
	}
	if (fn) {
		s->kind = PF_SRC_FUNCTION;
		s->name = pf_xstrdup(fn);
		if (get_bool(p, e, "return", &s->ret) < 0 ||
		    get_positions(p, e, "args", &source_args_rules, &s->args, &s->nargs) < 0 ||
		    get_when(p, e, &s->when) < 0)
			return -1;
		if (!s->ret && s->nargs == 0)
			return fail(p, NULL,
			            "a function source needs \"return\": true or \"args\"");
	} else if (var) {
		s->kind = PF_SRC_VARIABLE;
		s->name = pf_xstrdup(var);
	} else if (set_field(p, s, field) < 0) {
		return -1;
	}
	return get_category(p, e, &s->category);
}

/* Two sources conflict when they give the same thing a category: the same
 * field or global, or a position of the same function. */
static int check_source_dup(struct parse *p, size_t i)
{
	const struct pf_rule_source *s = &p->out->sources[i];
	for (size_t j = 0; j < i; j++) {
		const struct pf_rule_source *t = &p->out->sources[j];
		if (t->kind != s->kind || strcmp(t->name, s->name) != 0)
			continue;
		if (s->when || t->when) /* for different calls: getenv("USER"), getenv(x) */
			continue;
		const char *prev = t->origin.json_path;
		if (s->kind == PF_SRC_FIELD)
			return fail(p, NULL, "duplicate of %s: same field '%.100s'", prev, s->name);
		if (s->kind == PF_SRC_VARIABLE)
			return fail(p, NULL, "duplicate of %s: same variable '%.100s'", prev,
			            s->name);
		struct pf_argpos pos;
		char buf[48];
		if (s->ret && t->ret)
			return fail(p, NULL,
			            "duplicate of %s: both give the return value of '%.100s' a "
			            "category",
			            prev, s->name);
		if (overlap(s->args, s->nargs, t->args, t->nargs, &pos))
			return fail(p, NULL,
			            "duplicate of %s: both give argument %s of '%.100s' a category",
			            prev, pos_name(pos, buf, sizeof(buf)), s->name);
	}
	return 0;
}

static int parse_sink(struct parse *p, json_t *e, void *entry)
{
	struct pf_rule_sink *s = entry;
	const char *fn, *re;
	if (get_name(p, e, "function", false, &fn) < 0 ||
	    get_string(p, e, "function_regex", false, &re) < 0)
		return -1;
	if (!fn && !re)
		return fail(p, NULL, "a sink needs 'function' or 'function_regex'");
	if (fn && re)
		return fail(p, NULL, "a sink takes 'function' or 'function_regex', not both");
	if (fn) {
		s->function = pf_xstrdup(fn);
	} else {
		int rc = regcomp(&s->regex, re, REG_EXTENDED | REG_NOSUB);
		if (rc != 0) {
			char msg[256];
			regerror(rc, &s->regex, msg, sizeof(msg));
			msg[0] = (char)tolower((unsigned char)msg[0]);
			return fail_value(p, "function_regex",
			                  "invalid regular expression '%.100s': %s", re, msg);
		}
		s->function_regex = pf_xstrdup(re); /* from here on, the regex is freed */
	}
	int rc = get_positions(p, e, "args", &sink_args_rules, &s->args, &s->nargs);
	if (rc < 0)
		return -1;
	s->all_args = rc == 0;
	for (size_t i = 0; re && i < s->nargs; i++)
		if (s->args[i].name)
			return fail(p, "args",
			            "a parameter name ('%.64s') needs 'function': a regex names no "
			            "one declaration",
			            s->args[i].name);
	if (get_when(p, e, &s->when) < 0)
		return -1;
	if (re && s->when && s->when->arg.name)
		return fail(p, "when", "a parameter name in 'when' needs 'function', not a regex");
	return get_purpose(p, e, &s->purpose);
}

static const char *sink_name(const struct pf_rule_sink *s)
{
	return s->function ? s->function : s->function_regex;
}

/* Two sinks conflict when the same name (or regex) makes the same argument a
 * sink of the same purpose; one function may be a sink of several purposes. */
static int check_sink_dup(struct parse *p, size_t i)
{
	const struct pf_rule_sink *s = &p->out->sinks[i];
	for (size_t j = 0; j < i; j++) {
		const struct pf_rule_sink *t = &p->out->sinks[j];
		if (!s->function != !t->function || strcmp(sink_name(s), sink_name(t)) != 0 ||
		    strcmp(s->purpose, t->purpose) != 0 || s->when || t->when)
			continue;
		const char *what = s->function ? "function" : "function_regex";
		struct pf_argpos pos;
		char buf[48];
		if (s->all_args || t->all_args)
			return fail(p, NULL,
			            "duplicate of %s: same %s '%.100s' and purpose, and one of "
			            "them takes every argument",
			            t->origin.json_path, what, sink_name(s));
		if (overlap(s->args, s->nargs, t->args, t->nargs, &pos))
			return fail(
			    p, NULL,
			    "duplicate of %s: both make argument %s of '%.100s' a sink for %s",
			    t->origin.json_path, pos_name(pos, buf, sizeof(buf)), sink_name(s),
			    s->purpose);
	}
	return 0;
}

/* The required "function" of a propagator, an anonymizer or a consent
 * entry, copied into *out. */
static int get_function(struct parse *p, json_t *e, char **out)
{
	const char *fn;
	if (get_name(p, e, "function", true, &fn) < 0)
		return -1;
	*out = pf_xstrdup(fn);
	return 0;
}

static int parse_propagator(struct parse *p, json_t *e, void *entry)
{
	struct pf_rule_propagator *g = entry;
	static const struct poslist_rules from_rules = {
	    .return_hint = "\"return\" is only valid in 'to'",
	    .empty_hint = "leave 'from' out for every argument",
	};
	static const struct poslist_rules to_rules = {
	    .allow_return = true,
	    .allow_empty = true,
	};
	if (get_function(p, e, &g->function) < 0)
		return -1;
	int rc = get_positions(p, e, "from", &from_rules, &g->from, &g->nfrom);
	if (rc < 0)
		return -1;
	g->from_all = rc == 0;
	rc = get_positions(p, e, "to", &to_rules, &g->to, &g->nto);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return fail(p, NULL,
		            "missing key 'to' (use [] for a function that moves no personal "
		            "data)");
	g->replace = true;
	if (get_bool(p, e, "replace", &g->replace) < 0)
		return -1;
	return get_when(p, e, &g->when);
}

static int parse_anonymizer(struct parse *p, json_t *e, void *entry)
{
	struct pf_rule_anonymizer *a = entry;
	return get_function(p, e, &a->function);
}

static int parse_consent(struct parse *p, json_t *e, void *entry)
{
	struct pf_rule_consent *c = entry;
	if (get_function(p, e, &c->function) < 0)
		return -1;
	return get_purpose(p, e, &c->purpose);
}

/* Why text is not a host name that a suffix match can use, or NULL. Hosts
 * are written the way they appear in a URL after the scheme, so that the
 * catalog reads like the URLs it is matched against. */
static const char *host_problem(const char *text)
{
	if (strstr(text, "://"))
		return "a host name without a scheme (write the host alone, as 'www.example.com')";
	if (strpbrk(text, "/?#"))
		return "a host name without a path or query (write the host alone)";
	if (strchr(text, ':'))
		return "a host name without a port";
	if (strchr(text, '*'))
		return "a host name without a wildcard (a host also matches every subdomain of it)";
	if (strchr(text, '@'))
		return "a host name without user information";
	for (const char *c = text; *c; c++)
		if (isupper((unsigned char)*c))
			return "a host name in lower case";
	if (text[0] == '.' || text[strlen(text) - 1] == '.')
		return "a host name without a leading or trailing dot";
	if (strlen(text) > 253)
		return "a host name at most 253 characters long";
	if (!strchr(text, '.'))
		return "a host name of two labels or more (a bare top-level domain would match too "
		       "much)";
	size_t label = 0;
	bool digits_only = true;
	for (const char *c = text;; c++) {
		if (*c == '.' || *c == '\0') {
			if (label == 0)
				return "a host name without an empty label";
			if (label > 63)
				return "a host name of labels of at most 63 characters";
			if (c[-1] == '-')
				return "a host name of labels that do not end with '-'";
			if (*c == '\0')
				break;
			label = 0;
			digits_only = true;
			continue;
		}
		if (!islower((unsigned char)*c) && !isdigit((unsigned char)*c) && *c != '-')
			return "a host name made of letters, digits, '-' and dots";
		if (label == 0 && *c == '-')
			return "a host name of labels that do not start with '-'";
		digits_only = digits_only && isdigit((unsigned char)*c);
		label++;
	}
	if (digits_only)
		return "a DNS name, not an IP address (its top-level label is numeric)";
	return NULL;
}

static int parse_endpoint(struct parse *p, json_t *e, void *entry)
{
	struct pf_rule_endpoint *ep = entry;
	const char *host;
	if (get_string(p, e, "host", true, &host) < 0)
		return -1;
	const char *problem = host_problem(host);
	if (problem)
		return fail_value(p, "host", "'host' must be %s, got '%.100s'", problem, host);
	ep->host = pf_xstrdup(host);
	return get_purpose(p, e, &ep->purpose);
}

/* Pushes entry i of a section and records where it came from. */
static int open_entry(struct parse *p, json_t *arr, size_t i, struct pf_rule_origin *o, json_t **e)
{
	char path[256];
	push_index(p, i);
	pf_json_path_render(p->cur.path, p->cur.depth, path, sizeof(path));
	o->file = p->out->files[0];
	o->pack = p->out->packs[0];
	o->json_path = pf_xstrdup(path);
	o->shipped = p->shipped;
	*e = json_array_get(arr, i);
	if (!json_is_object(*e))
		return fail(p, NULL, "expected an object, got %s", type_name(*e));
	return 0;
}

/* The sections of a rules file, in the order they are parsed: each fills
 * its own array of the pf_rules (offsets array and count), an entry of size
 * bytes at a time, with its origin at offset origin. An entry that repeats
 * an earlier one of the same file is an error: check_dup says when, or, for
 * the sections of one entry per name, unique is the offset of the name (a
 * char *), unique_what what it is and hint what to do instead. */
struct section {
	const char *key;
	const char *const *keys; /* an entry's keys, and what it is in messages */
	const char *what;
	size_t array, count, size, origin;
	int (*parse)(struct parse *p, json_t *e, void *entry);
	int (*check_dup)(struct parse *p, size_t i);
	size_t unique;
	const char *unique_what, *hint;
};

#define ENTRIES(member, type)                                                                      \
	.array = offsetof(struct pf_rules, member), .count = offsetof(struct pf_rules, n##member), \
	.size = sizeof(type), .origin = offsetof(type, origin)

static const struct section sections[] = {
    {"sources", source_keys, "a source", ENTRIES(sources, struct pf_rule_source), parse_source,
     check_source_dup},
    {"sinks", sink_keys, "a sink", ENTRIES(sinks, struct pf_rule_sink), parse_sink, check_sink_dup},
    /* a function has one propagator (pf_rules_find_propagator returns one),
     * so a second entry for it would be silently ignored */
    {"propagators", propagator_keys, "a propagator",
     ENTRIES(propagators, struct pf_rule_propagator), parse_propagator,
     .unique = offsetof(struct pf_rule_propagator, function), .unique_what = "function",
     .hint = " (list every position in one entry)"},
    {"anonymizers", anonymizer_keys, "an anonymizer",
     ENTRIES(anonymizers, struct pf_rule_anonymizer), parse_anonymizer,
     .unique = offsetof(struct pf_rule_anonymizer, function), .unique_what = "function"},
    /* like PII_CONSENT(purpose), a consent function answers for one purpose */
    {"consent", consent_keys, "a consent entry", ENTRIES(consents, struct pf_rule_consent),
     parse_consent, .unique = offsetof(struct pf_rule_consent, function),
     .unique_what = "function"},
    /* one host, one purpose: a second entry would be shadowed by the first */
    {"endpoints", endpoint_keys, "an endpoint", ENTRIES(endpoints, struct pf_rule_endpoint),
     parse_endpoint, .unique = offsetof(struct pf_rule_endpoint, host), .unique_what = "host"},
};

static int check_dup(struct parse *p, const char *entries, const struct section *sec, size_t i)
{
	if (sec->check_dup)
		return sec->check_dup(p, i);
	const char *entry = entries + i * sec->size;
	const char *name = *(const char *const *)(entry + sec->unique);
	const char *first = pf_rules_find_named(entries, i, sec->size, sec->unique, name);
	if (!first)
		return 0;
	const struct pf_rule_origin *o = (const struct pf_rule_origin *)(first + sec->origin);
	return fail(p, NULL, "duplicate of %s: same %s '%.100s'%s", o->json_path, sec->unique_what,
	            name, sec->hint ? sec->hint : "");
}

/* The count is raised before an entry is parsed, so that pf_rules_free frees
 * a half-filled entry after an error. */
static int parse_section(struct parse *p, json_t *root, const struct section *sec)
{
	json_t *arr, *e;
	int rc = open_array(p, root, sec->key, "objects", &arr);
	if (rc <= 0)
		return rc;
	char *rules = (char *)p->out;
	void **array = (void **)(rules + sec->array);
	size_t *count = (size_t *)(rules + sec->count);
	*array = pf_xcalloc(json_array_size(arr), sec->size);
	for (size_t i = 0; rc >= 0 && i < json_array_size(arr); i++) {
		char *entry = (char *)*array + (*count)++ * sec->size;
		rc = open_entry(p, arr, i, (struct pf_rule_origin *)(entry + sec->origin), &e);
		if (rc >= 0 &&
		    (check_keys(p, e, sec->keys, sec->what) < 0 || check_comment(p, e) < 0))
			rc = -1;
		if (rc >= 0)
			rc = sec->parse(p, e, entry);
		if (rc >= 0)
			rc = check_dup(p, *array, sec, i);
		pop(p);
	}
	pop(p);
	return rc < 0 ? -1 : 0;
}

/* The version comes first: a file of a later format should say so rather than
 * fail on a key this version does not know. */
static int parse_header(struct parse *p, json_t *root)
{
	if (!json_is_object(root))
		return fail(p, NULL, "the top level must be an object, got %s", type_name(root));
	json_t *v = json_object_get(root, "piiflow_rules");
	if (!v)
		return fail(p, NULL, "missing key 'piiflow_rules' (the format version, 1)");
	push_key(p, "piiflow_rules");
	int rc = 0;
	if (!json_is_integer(v))
		rc = fail(p, NULL, "'piiflow_rules' must be the integer 1, got %s", type_name(v));
	else if (json_integer_value(v) != 1)
		rc = fail(p, NULL, "unsupported rules format version %lld (this piiflow reads 1)",
		          (long long)json_integer_value(v));
	pop(p);
	const char *name;
	if (rc < 0 || get_string(p, root, "name", false, &name) < 0)
		return -1;
	if (name) {
		p->out->packs[0] = pf_xstrdup(name);
	} else { /* the file's name without its directory and ".json" */
		const char *file = p->out->files[0], *slash = strrchr(file, '/');
		const char *base = slash ? slash + 1 : file;
		size_t n = strlen(base);
		if (n > 5 && strcmp(base + n - 5, ".json") == 0)
			n -= 5;
		p->out->packs[0] = pf_xstrdup(base);
		p->out->packs[0][n] = '\0';
	}
	if (check_keys(p, root, top_keys, "a rules file") < 0 || check_comment(p, root) < 0)
		return -1;
	return 0;
}

int pf_rules_parse_doc(struct pf_rules *out, json_t *root, const char *text, size_t len,
                       bool shipped, struct pf_error *err)
{
	struct parse p = {
	    .out = out, .shipped = shipped, .cur = {.text = text, .len = len, .err = err}};
	if (parse_header(&p, root) < 0)
		return -1;
	for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++)
		if (parse_section(&p, root, &sections[i]) < 0)
			return -1;
	return 0;
}
