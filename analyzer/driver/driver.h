/*
 * The driver: runs the stages in order for one `piiflow check` — the config,
 * rules and taxonomy, the compile database, parsing and lowering (in
 * parallel, one translation unit per worker), the engine, the filters of the
 * policy (paths, severities, suppressions, baseline), and the reporter — and
 * maps every failure to the exit code of SPEC section 4. Also the `piiflow
 * rules` commands, which load rules the way a check does, and `piiflow cc`
 * (launcher.c), which lowers units inside the user's build.
 */
#ifndef PF_DRIVER_H
#define PF_DRIVER_H

#include <stdbool.h>
#include <stddef.h>

#include "findings/findings.h"
#include "util/unsaved.h"

enum pf_format {
	PF_FORMAT_TEXT,
	PF_FORMAT_JSON,
	PF_FORMAT_SARIF,
	PF_FORMAT_MARKDOWN,  /* map */
	PF_FORMAT_DOT,       /* map */
	PF_FORMAT_FIDESLANG, /* map */
	PF_FORMAT_RULES,     /* discover */
	PF_FORMAT_PATCH,     /* discover */
};

/* What a run of the pipeline prints: check's findings, the data map of
 * `piiflow map`, or the suggestions of `piiflow discover`. */
enum pf_command { PF_COMMAND_CHECK, PF_COMMAND_MAP, PF_COMMAND_DISCOVER };

struct pf_held;
struct pf_check_inputs;

enum pf_exit { PF_EXIT_OK = 0, PF_EXIT_FINDINGS = 1, PF_EXIT_ERROR = 2 };

struct pf_check_options {
	enum pf_command command;
	const char *build_dir; /* -p */
	char **paths;          /* files, or the path filter with -p */
	size_t npaths;
	char **compiler_flags; /* after -- */
	size_t nflags;
	char **rules_files; /* --rules */
	size_t nrules;
	bool no_default_rules;
	enum pf_format format;
	const char *output;       /* -o, or NULL for stdout */
	int jobs;                 /* -j, 0: the number of CPUs */
	enum pf_severity fail_on; /* PF_SEV_ERROR / PF_SEV_WARNING; */
	bool fail_never;
	bool explain;
	bool quiet;
	bool allow_parse_errors;    /* --allow-parse-errors: compile errors warn */
	const char *baseline;       /* --baseline: accept the findings recorded there */
	const char *write_baseline; /* --write-baseline: record the findings, exit 0 */
	const char *config;         /* --config, or NULL to look .piiflow.json up */
	bool no_config;             /* --no-config */
	bool no_cache;              /* --no-cache */
	const char *cache_dir;      /* --cache-dir, else the config's, else a default */
	const char *emit_ir;        /* --emit-ir DIR: per-TU phase only, its IR written */
	const char *from_ir;        /* --from-ir DIR: link the IR found there and report */
	long long analysis_budget;  /* --analysis-budget: millions of set operations,
	                             * 0 no limit, -1 the config's or the default */
	const char *new_since;      /* --new-since REF|FILE: report only what is new */
	bool staged;                /* --staged: analyze the content of git's index */
	/* the language server's open buffers, read instead of the files on disk
	 * by the parser, the cache and the suppression comments */
	const struct pf_unsaved_file *unsaved;
	size_t nunsaved;
	/* the language server's units held in memory (driver/held.h), linked
	 * instead of parsing or reading them again, or NULL */
	const struct pf_held *held;
	/* the config, rules, taxonomy and compile database the language server
	 * keeps loaded (driver/inputs.h) for the same build_dir, rules files,
	 * config and no_default_rules as these options, used instead of reading
	 * them when loaded, or NULL. The check binds the rules to the program in
	 * place: the server runs each check in a child of its own, whose copy
	 * that changes. */
	const struct pf_check_inputs *inputs;
};

/* Runs one check (or map, or discover: o->command) and returns the process
 * exit code. Messages go to stderr. map and discover exit 0 unless an input
 * error stops them (2). */
int pf_driver_check(const struct pf_check_options *o);

/* `piiflow rules list`: the rules a check would load (the shipped packs
 * unless no_default_rules, the config's, then rules_files), one line per
 * entry, grouped by file. Returns the exit code. */
struct pf_rules_list_options {
	char **rules_files;
	size_t nrules;
	bool no_default_rules;
	const char *config;
	bool no_config;
};
int pf_driver_rules_list(const struct pf_rules_list_options *o);

/* `piiflow rules check FILE...`: validates each rules file on its own and
 * prints "FILE: ok (N entries)", or the loader's error. Returns the exit
 * code: 0 when every file is good, else 2. */
int pf_driver_rules_check(char **files, size_t nfiles);

/* Shared by check and the rules commands: the config (--config, or the
 * nearest .piiflow.json unless none; an empty config when there is none)
 * and the rules (the shipped packs unless no_default, the config's rules,
 * then extra). Each returns 0, or -1 after printing an error naming the
 * file. */
struct pf_config;
struct pf_rules;
int pf_driver_load_config(const char *path, bool none, struct pf_config *cfg);
int pf_driver_load_rules(struct pf_rules *rules, bool no_default, const struct pf_config *cfg,
                         char **extra, size_t nextra);

/* The taxonomy of categories shipped with the rules. Returns 0, or -1
 * after printing an error. */
struct pf_taxonomy;
int pf_driver_load_taxonomy(struct pf_taxonomy *tax);

/* `piiflow cc [OPTIONS] [--] COMPILER ARGS...`, the compiler launcher: runs
 * the compile command argv as given (the same output, the same exit code)
 * and then writes the IR of each C source it compiled beside its object
 * file (OBJECT.pfir, OBJECT.pfunit) or into ir_dir. An analysis failure is
 * recorded for the link phase, never returned: the result is always the
 * compiler's. docs/launcher.md. */
struct pf_cc_options {
	char **argv; /* the compile command, argv[0] the compiler (or ccache) */
	size_t argc;
	const char *ir_dir; /* --ir-dir or $PIIFLOW_IR_DIR, or NULL: beside the object */
	const char *config; /* --config, or NULL to look .piiflow.json up */
	bool no_config;
	bool no_cache;
	const char *cache_dir;
};
int pf_driver_cc(const struct pf_cc_options *o);

/* Where the shipped packs and piiflow.h are: next to an installed binary
 * (PREFIX/share/piiflow/rules, PREFIX/include), else in the source tree. */
const char *pf_driver_rules_dir(void);
const char *pf_driver_annotations_dir(void);

#endif
