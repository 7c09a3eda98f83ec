/*
 * The data map of `piiflow map`: the report regrouped around the program's
 * personal-data sources. For each source, every flow that leaves it (one per
 * finding, reported or accepted) with its purpose, sink and verdict; per
 * category and per purpose, what reaches what. The map borrows the report's
 * strings: it lives no longer than the report it was built from. Every list
 * is sorted, so that a map checked into a repository diffs clean.
 */
#ifndef PF_FINDINGS_MAP_H
#define PF_FINDINGS_MAP_H

#include <stddef.h>

#include "findings/findings.h"

/* What became of a flow: reported, or accepted and why. */
enum pf_map_status { PF_MAP_REPORTED, PF_MAP_CONSENT, PF_MAP_SUPPRESSED, PF_MAP_BASELINED };
#define PF_MAP_NSTATUS 4

struct pf_map_flow {
	const struct pf_finding *finding; /* purpose, sink, severity, reason */
	enum pf_map_status status;
	const char *data_use; /* the purpose's fideslang data use, or NULL */
};

struct pf_map_source {
	const char *category, *name, *function, *how;
	const struct pf_pos *pos;
	struct pf_map_flow *flows; /* sorted by purpose, sink position, status */
	size_t nflows;
};

/* A purpose reached, with the categories that reach it. */
struct pf_map_purpose {
	const char *purpose;
	const char *data_use;    /* or NULL when no data use is known for it */
	const char **categories; /* sorted, unique */
	size_t ncategories;
	size_t count[PF_MAP_NSTATUS]; /* flows by status */
};

/* A category, with what its sources reach. */
struct pf_map_category {
	const char *category;
	size_t nsources;
	/* per purpose of the map (same index as pf_map.purposes): flows by status */
	size_t (*count)[PF_MAP_NSTATUS];
};

/* The purposes of the project mapped to fideslang data uses (the config's
 * data_uses); the built-in ones need none. */
struct pf_map_data_uses {
	const char *const *purposes;
	const char *const *uses;
	size_t n;
};

struct pf_map {
	const struct pf_report *report;
	struct pf_map_source *sources; /* sorted by file, line, column, name */
	size_t nsources;
	struct pf_map_purpose *purposes; /* sorted by name */
	size_t npurposes;
	struct pf_map_category *categories; /* sorted by key */
	size_t ncategories;
	size_t nreaching;                       /* sources with at least one flow */
	size_t count[PF_MAP_NSTATUS];           /* flows by status */
	const struct pf_consent_decl *consents; /* the report's */
	size_t nconsents;
};

/* Builds the map of a sorted report (pf_report_sort). A finding whose source
 * the report does not list still gets one (built from the finding). */
void pf_map_build(struct pf_map *m, const struct pf_report *r, const struct pf_map_data_uses *uses);
void pf_map_free(struct pf_map *m);

/* The fideslang data use of a purpose: the project's mapping first, then
 * advertising -> marketing.advertising, marketing -> marketing, analytics ->
 * analytics; NULL for other purposes. */
const char *pf_map_data_use(const struct pf_map_data_uses *uses, const char *purpose);

/* "reported", "consent", "suppressed", "baselined". */
const char *pf_map_status_name(enum pf_map_status s);

/* The consent functions of purpose, joined with ", " into buf ("" if none). */
void pf_map_consent_functions(const struct pf_map *m, const char *purpose, char *buf, size_t size);
/* The consent of a flow accepted by consent, into buf: the function whose
 * check accepted it, else every consent function of its purpose. */
void pf_map_flow_consent(const struct pf_map *m, const struct pf_map_flow *fl, char *buf,
                         size_t size);

#endif
