/*
 * Rules: what the analyzer knows about code it cannot see or annotate (the C
 * library, SDKs, in-house libraries) and about the HTTP hosts that collect
 * data for advertising and analytics, loaded from JSON files (SPEC section 3).
 * A pf_rules owns every string and regex in it; pf_rules_free releases all.
 * jansson types never leave the loader.
 */
#ifndef PF_RULES_H
#define PF_RULES_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

/* An argument position: an index from 0, every variadic argument, or the
 * return value. A parameter written by name is a PF_ARG_INDEX with name
 * set and index -1 until pf_rules_bind resolves it against the program's
 * declaration; until then it matches no argument. */
enum pf_argpos_kind { PF_ARG_INDEX, PF_ARG_VARIADIC, PF_ARG_RETURN };

struct pf_argpos {
	enum pf_argpos_kind kind;
	int index;  /* for PF_ARG_INDEX */
	char *name; /* the parameter's name as written, or NULL (owned) */
};

/* "when": the entry applies only to calls whose argument arg is a string
 * literal equal to one of is[] (getenv("USER")). */
struct pf_rule_when {
	struct pf_argpos arg; /* PF_ARG_INDEX */
	char **is;            /* owned */
	size_t nis;
};

/* Where an entry came from, for messages and for unmatched-rule warnings.
 * file and pack point into the pf_rules' files and packs. */
struct pf_rule_origin {
	const char *file; /* the rules file */
	const char *pack; /* its "name" */
	char *json_path;  /* e.g. "sinks[2]" (owned) */
	bool shipped;     /* loaded from the default packs */
};

enum pf_source_kind { PF_SRC_FUNCTION, PF_SRC_FIELD, PF_SRC_VARIABLE };

struct pf_rule_source {
	enum pf_source_kind kind;
	char *name;             /* function name, global name, or "struct.field" */
	char *record;           /* for fields: the struct or typedef name (owned) */
	char *field;            /* for fields: the field name (owned) */
	bool ret;               /* function: its return value is personal data */
	struct pf_argpos *args; /* function: out-parameters written with PII */
	size_t nargs;
	char *category;
	struct pf_rule_when *when; /* function: or NULL (owned) */
	struct pf_rule_origin origin;
};

/* A sink: "args" empty (nargs == 0 and all_args) means every argument. */
struct pf_rule_sink {
	char *function;       /* exact name, or NULL when regex is used */
	char *function_regex; /* source text of the regex, or NULL */
	regex_t regex;        /* compiled when function_regex != NULL */
	struct pf_argpos *args;
	size_t nargs;
	bool all_args;
	char *purpose;
	struct pf_rule_when *when; /* or NULL (owned) */
	struct pf_rule_origin origin;
};

/* Data flows from every "from" position into every "to" position. A "to"
 * position that is a pointer argument means the object it points to. */
struct pf_rule_propagator {
	char *function;
	struct pf_argpos *from;
	size_t nfrom;
	bool from_all; /* no "from": every argument */
	struct pf_argpos *to;
	size_t nto;
	/* "replace": true when the call overwrites the whole destination (strcpy,
	 * snprintf, memcpy); false for append-style calls (strcat). Optional in
	 * the file, default true. */
	bool replace;
	struct pf_rule_when *when; /* or NULL (owned) */
	struct pf_rule_origin origin;
};

struct pf_rule_anonymizer {
	char *function;
	struct pf_rule_origin origin;
};

struct pf_rule_consent {
	char *function;
	char *purpose;
	struct pf_rule_origin origin;
};

/* An advertising, attribution or analytics host reached over HTTP (libcurl):
 * data posted to it, or put in its URL, is used for purpose. host is a
 * lower-case DNS name of at least two labels and matches itself and every
 * subdomain ("google-analytics.com" matches "www.google-analytics.com", not
 * "evilgoogle-analytics.com"). */
struct pf_rule_endpoint {
	char *host;
	char *purpose;
	struct pf_rule_origin origin;
};

struct pf_rules {
	struct pf_rule_source *sources;
	size_t nsources;
	struct pf_rule_sink *sinks;
	size_t nsinks;
	struct pf_rule_propagator *propagators;
	size_t npropagators;
	struct pf_rule_anonymizer *anonymizers;
	size_t nanonymizers;
	struct pf_rule_consent *consents;
	size_t nconsents;
	struct pf_rule_endpoint *endpoints;
	size_t nendpoints;
	char **files; /* every file loaded, in order (owned) */
	size_t nfiles;
	char **packs; /* the "name" of each file loaded, parallel to files */
};

void pf_rules_init(struct pf_rules *r);
void pf_rules_free(struct pf_rules *r);

/* Adds the entries of one rules file. Returns 0, or -1 with *err filled; on
 * error r keeps what it held before the call. Duplicates are rejected within
 * one file only; across files every entry is kept and look-ups return the one
 * loaded first. A propagator "to" may be [] (the call moves no personal data);
 * entries may carry a "comment" string, which is ignored. */
int pf_rules_load_file(struct pf_rules *r, const char *path, bool shipped, struct pf_error *err);

/* The same for a document already in memory: text holds len bytes (no NUL
 * needed) and path names it in messages and origins. */
int pf_rules_load_buffer(struct pf_rules *r, const char *path, const char *text, size_t len,
                         bool shipped, struct pf_error *err);

/* Loads every *.json file of a directory in name order (the shipped packs),
 * skipping files whose name starts with "taxonomy" or ".". Returns 0 or -1;
 * all or nothing: on error r keeps what it held before the call. */
int pf_rules_load_dir(struct pf_rules *r, const char *dir, struct pf_error *err);

/* The 1-based line and column of a loaded entry in its file (1:1 when the
 * file cannot be read again). Returns 0, or -1 when it could not be located. */
int pf_rules_origin_position(const struct pf_rule_origin *o, int *line, int *column);

/* Look-ups by function name. Each returns the first match or NULL; the
 * _next variants continue after a previous result (for several sinks). */
const struct pf_rule_sink *pf_rules_find_sink(const struct pf_rules *r, const char *fn,
                                              const struct pf_rule_sink *after);
const struct pf_rule_source *pf_rules_find_function_source(const struct pf_rules *r,
                                                           const char *fn);
/* A function may have several sources (one category per out-parameter). */
const struct pf_rule_source *pf_rules_find_function_source_next(const struct pf_rules *r,
                                                                const char *fn,
                                                                const struct pf_rule_source *after);
const struct pf_rule_source *pf_rules_find_field_source(const struct pf_rules *r,
                                                        const char *record, const char *field);
/* A field entry whose record is the struct tag or the type name (the
 * typedef of an anonymous struct) a program gives the field's record. */
const struct pf_rule_source *pf_rules_find_record_field(const struct pf_rules *r, const char *tag,
                                                        const char *type_name, const char *field);
const struct pf_rule_source *pf_rules_find_variable_source(const struct pf_rules *r,
                                                           const char *name);
const struct pf_rule_propagator *pf_rules_find_propagator(const struct pf_rules *r, const char *fn);
const struct pf_rule_anonymizer *pf_rules_find_anonymizer(const struct pf_rules *r, const char *fn);
const struct pf_rule_consent *pf_rules_find_consent(const struct pf_rules *r, const char *fn);

/* The endpoint whose host is host or a parent domain of it, the longest such
 * (the most specific) when several match, the first loaded among equals; NULL
 * when none does. host is compared without regard to ASCII case and a final
 * dot; a port, path or scheme in it makes it match nothing. */
const struct pf_rule_endpoint *pf_rules_find_endpoint(const struct pf_rules *r, const char *host);

/* Copies the host of an absolute URL ("https://user@www.x.com:443/p?q" gives
 * "www.x.com") into buf, lower-cased. A URL without "scheme://" is read as
 * starting with its host ("www.x.com/collect"). Returns false, with buf
 * empty, when there is no host, it is an IPv6 literal, it holds a printf
 * conversion ('%': the host is not known), or it does not fit in size. */
bool pf_rules_url_host(const char *url, char *buf, size_t size);

/* True when position pos (argument index i of a call with nargs fixed
 * parameters; i >= nfixed means variadic) is among the listed positions.
 * i == PF_ARGPOS_RETURN asks for the return value. */
#define PF_ARGPOS_RETURN (-1)
bool pf_argpos_matches(const struct pf_argpos *list, size_t n, int i, int nfixed);

/* True when w is NULL or the call's argument w->arg is a string literal
 * listed in w->is; literals[i] is the value of argument i when it is a
 * plain string literal, else NULL. */
bool pf_rules_when_holds(const struct pf_rule_when *w, const char *const *literals, size_t nargs);

/* True when argument i (of a call with nfixed fixed parameters) is a sink
 * argument, or is read by the propagator; both honour "every argument". */
bool pf_rules_sink_takes_arg(const struct pf_rule_sink *s, int i, int nfixed);
bool pf_rules_propagator_reads_arg(const struct pf_rule_propagator *g, int i, int nfixed);

#endif
