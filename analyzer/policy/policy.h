/*
 * Policy: what turns the engine's flows into a team's verdicts. The driver
 * runs these filters over a report in a fixed order: the config's severities
 * and excludes (pf_policy_apply), then the suppression comments of the code
 * (pf_suppress_apply), then the baseline (pf_baseline_apply). Each moves what
 * it accepts into report->accepted with the reason, so that an auditor still
 * sees every flow and a consumer of `findings` sees only violations.
 */
#ifndef PF_POLICY_H
#define PF_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "findings/findings.h"
#include "policy/config.h"

/* ---- severities and excludes (apply.c) ----------------------------------- */

/* Gives every finding, accepted ones included, the severity the config's
 * policy sets for its purpose and category (error where it says nothing),
 * and removes findings whose purpose and category are "off", findings whose
 * sink lies in an excluded file, and diagnostics about excluded files. */
void pf_policy_apply(struct pf_report *r, const struct pf_config *c);

/* ---- suppression comments (suppress.c) ----------------------------------- */

/* One `piiflow-allow(RULES): REASON` found in a comment. */
struct pf_suppression {
	unsigned line, column; /* of the "piiflow-allow" marker, from 1 */
	char *rules;           /* what is inside the parentheses, trimmed */
	char *reason;          /* trimmed; NULL when the comment gives none */
	const char *problem;   /* why it is invalid (a static string), or NULL */
};

struct pf_suppressions {
	struct pf_suppression *v;
	size_t n, cap;
};

void pf_suppressions_free(struct pf_suppressions *s);

/* Appends to out every suppression in the comments of a C source text.
 * Text in string and character literals and in code is ignored, and so is
 * "piiflow-allow" not followed by "(" (prose about the syntax). The reason
 * runs to the end of the line or of the comment. A suppression without rule,
 * ")" or reason is kept with its problem set: it suppresses nothing. */
void pf_suppress_scan(const char *text, size_t len, struct pf_suppressions *out);

/* True when rule is one of rules: a comma-separated list of rule ids or
 * fnmatch globs of them ("pii-to-advertising", "pii-to-*"). */
bool pf_suppress_rule_matches(const char *rules, const char *rule);

/* Scans files (paths as reports show them; duplicates are read once) and
 * moves every finding whose sink lies on the line of a valid suppression of
 * its rule, or on the line below it, into accepted with accepted_by
 * "suppression" and the reason. Adds an `invalid-suppression` warning for
 * each invalid one and an `unused-suppression` warning for each valid one
 * that matched no finding. Files that cannot be read are skipped. A file
 * of unsaved[] (the staged version of it) is read from there instead. */
struct pf_unsaved_file; /* compdb/compdb.h */
void pf_suppress_apply(struct pf_report *r, char *const *files, size_t nfiles,
                       const struct pf_unsaved_file *unsaved, size_t nunsaved);

/* The suppression comments of files, kept with each file's stat by a
 * caller that applies them again and again (the language server), so that
 * a check reads only the files changed since: an empty cache from
 * pf_suppress_cache_new, freed with pf_suppress_cache_free. */
struct pf_suppress_cache;
struct pf_suppress_cache *pf_suppress_cache_new(void);
void pf_suppress_cache_free(struct pf_suppress_cache *c);
/* Scans each of files (paths as reports show them) that the cache does
 * not hold as the file on disk is now. */
void pf_suppress_cache_update(struct pf_suppress_cache *c, char *const *files, size_t nfiles);
/* pf_suppress_apply, with the comments of a file taken from cache (or
 * NULL) when the file's stat is the one scanned and no unsaved buffer
 * replaces it. The same result as pf_suppress_apply. */
void pf_suppress_apply_cached(struct pf_report *r, char *const *files, size_t nfiles,
                              const struct pf_unsaved_file *unsaved, size_t nunsaved,
                              const struct pf_suppress_cache *cache);

/* ---- baselines (baseline.c) ---------------------------------------------- */

/* The fingerprints a baseline records, sorted; one fingerprint recorded k
 * times accepts k findings (a multiset). Version 2 records one fingerprint
 * per finding (one per sink call site, argument and purpose); version 1,
 * written before piiflow grouped the sources of a sink call, one per source
 * and sink: a finding matches a version 1 baseline when the version 1
 * fingerprints of all its sources are recorded (pf_finding_fingerprint_v1),
 * so that baselines keep working until they are rewritten. */
struct pf_baseline {
	char (*fingerprints)[33];
	size_t n;
	int version; /* of the fingerprints: 1 or 2 */
};

void pf_baseline_init(struct pf_baseline *b);
void pf_baseline_free(struct pf_baseline *b);

/* Reads a baseline file written by pf_baseline_write, of version 1 or 2.
 * Returns 0, or -1 with *err filled (missing file, invalid JSON with line
 * and column, a wrong version or a bad entry with its JSON path); b is
 * initialized here and left empty on error. */
int pf_baseline_load(struct pf_baseline *b, const char *path, struct pf_error *err);

/* Reads the reported findings of a JSON or SARIF report that piiflow wrote
 * (`--new-since FILE`): their fingerprints, of version 2, or of version 1
 * for a report written before (findings without "sources", or the SARIF key
 * piiflow/v1). Accepted findings (SARIF results with suppressions) are not
 * read. Returns 0, or -1 with *err filled. */
int pf_baseline_load_report(struct pf_baseline *b, const char *path, struct pf_error *err);

/* The fingerprints of r's reported findings, as a baseline of version 2
 * (`--new-since REF`: the findings of the base revision). */
void pf_baseline_from_report(struct pf_baseline *b, const struct pf_report *r);

/* Moves findings that the baseline records into accepted with accepted_by
 * "baseline" and reason (may be NULL), each recorded fingerprint once per
 * time it is recorded. Sorts r first, so that when a fingerprint occurs
 * more often than recorded, the findings left reported are the last in file
 * and line order (the new call is usually the one added below). */
void pf_baseline_apply(const struct pf_baseline *b, struct pf_report *r, const char *reason);

/* Writes the findings of r, and the accepted ones whose accepted_by is
 * "baseline", to path as {"piiflow_baseline": 2, "findings": [...]}: one
 * entry per finding with its fingerprint and, to make the file reviewable,
 * its rule, categories, sink and source names, sorted, without line numbers
 * so that moving code does not change the file. Replaces path atomically.
 * Returns 0, or -1 with a message naming the file in err. */
int pf_baseline_write(const struct pf_report *r, const char *path, struct pf_error *err);

#endif
