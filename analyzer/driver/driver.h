/*
 * The driver: runs the stages in order for one `piiflow check` — rules and
 * taxonomy, the compile database, parsing and lowering (in parallel, one
 * translation unit per worker), the engine, filters, and the reporter —
 * and maps every failure to the exit code of SPEC section 4.
 */
#ifndef PF_DRIVER_H
#define PF_DRIVER_H

#include <stdbool.h>
#include <stddef.h>

#include "findings/findings.h"

enum pf_format { PF_FORMAT_TEXT, PF_FORMAT_JSON, PF_FORMAT_SARIF };

enum pf_exit { PF_EXIT_OK = 0, PF_EXIT_FINDINGS = 1, PF_EXIT_ERROR = 2 };

struct pf_check_options {
	const char *build_dir;  /* -p */
	char **paths;           /* files, or the path filter with -p */
	size_t npaths;
	char **compiler_flags;  /* after -- */
	size_t nflags;
	char **rules_files;     /* --rules */
	size_t nrules;
	bool no_default_rules;
	enum pf_format format;
	const char *output;     /* -o, or NULL for stdout */
	int jobs;               /* -j, 0: the number of CPUs */
	enum pf_severity fail_on; /* PF_SEV_ERROR / PF_SEV_WARNING; */
	bool fail_never;
	bool explain;
	bool quiet;
};

/* Runs one check and returns the process exit code. Messages go to stderr. */
int pf_driver_check(const struct pf_check_options *o);

/* Where the shipped packs and piiflow.h are: next to an installed binary
 * (PREFIX/share/piiflow/rules, PREFIX/include), else in the source tree. */
const char *pf_driver_rules_dir(void);
const char *pf_driver_annotations_dir(void);

#endif
