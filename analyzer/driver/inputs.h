/*
 * What a check reads before it parses — the config, the rules, the
 * taxonomy and the compile database — kept by a caller that runs many
 * checks of one program (the language server), with the stat of every
 * file they came from. Each check uses them as they are, and they are read
 * again only when one of those files changed, appeared or went away.
 */
#ifndef PF_INPUTS_H
#define PF_INPUTS_H

#include <stdbool.h>
#include <stddef.h>

#include "compdb/compdb.h"
#include "policy/config.h"
#include "policy/policy.h"
#include "rules/rules.h"
#include "taxonomy/taxonomy.h"

struct pf_check_options;

struct pf_check_inputs {
	bool loaded; /* the last load succeeded: the fields below are usable */
	struct pf_config cfg;
	struct pf_rules rules;
	struct pf_taxonomy tax;
	/* the compile database of -p or the config's build_dir, when the check
	 * reads one (has_db); build_dir as pf_driver_check resolves it */
	bool has_db;
	struct pf_compdb db;
	char *build_dir;
	/* the suppression comments of the database's files, scanned again
	 * only for the files changed (pf_check_inputs_scan) */
	struct pf_suppress_cache *suppressions;
	/* private: what they were read with */
	struct pf_inputs_stamps *stamps;
};

/* An empty set, loaded by the first refresh; freed by pf_check_inputs_free. */
struct pf_check_inputs *pf_check_inputs_new(void);
void pf_check_inputs_free(struct pf_check_inputs *in);

/* Makes in what a check with o would read (o's build_dir, rules files,
 * no_default_rules, config, no_config and compiler_flags), reading it
 * again only when o asks for other files or a file it came from changed.
 * A load that fails leaves in->loaded false (the check then reads the
 * files itself and says what is wrong); it is tried again when a file
 * changes. Returns whether the inputs were read again. */
bool pf_check_inputs_refresh(struct pf_check_inputs *in, const struct pf_check_options *o);

/* Scans the suppression comments of every file of the database that
 * changed since the last scan (all of them the first time). */
void pf_check_inputs_scan(struct pf_check_inputs *in);

#endif
