/*
 * Findings: what the engine concluded, in the form every reporter reads. A
 * pf_report owns all of its strings (heap copies); pf_report_free releases
 * them. The engine fills a report; filters (suppressions, baseline, paths)
 * move findings to `accepted`; reporters only read.
 */
#ifndef PF_FINDINGS_H
#define PF_FINDINGS_H

#include <stdbool.h>
#include <stddef.h>

enum pf_severity { PF_SEV_NOTE, PF_SEV_WARNING, PF_SEV_ERROR };

struct pf_pos {
	char *file; /* as in the compile database, relative to the cwd when under it */
	unsigned line, column;
};

struct pf_trace_step {
	struct pf_pos pos;
	char *message; /* e.g. "copied into 'buf' by 'snprintf'" */
};

/* One source that reaches a finding's sink, with one shortest trace: the
 * steps from the use of the source to the sink call, the sink call last. */
struct pf_finding_source {
	char *category; /* "user.contact.email" */
	struct pf_pos pos;
	char *name;     /* "email" */
	char *function; /* function the source lies in, or "" for declarations */
	char *how;      /* as pf_finding.source_how */
	struct pf_trace_step *trace;
	size_t ntrace;
};

/* One finding per sink call site, argument and purpose (SPEC section 5).
 * sources[] lists every source that reaches it, in a fixed order; the
 * fields category, source, source_name, source_function, source_how and
 * trace repeat sources[0], for readers that show one flow. */
struct pf_finding {
	char *rule; /* "pii-to-advertising" */
	enum pf_severity severity;
	char *message;  /* the first line of the text format, without position */
	char *purpose;  /* "advertising" */
	char *category; /* "user.contact.email" */
	struct pf_pos source;
	char *source_name;     /* "email" */
	char *source_function; /* function the source lies in, or "" for declarations */
	char *source_how;      /* "is declared personal data" (default when NULL) or
	                        * "returns personal data" for a rules source */
	struct pf_pos sink;
	char *sink_function; /* the function containing the sink call */
	char *sink_callee;   /* the sink function called */
	int sink_argument;   /* from 0 */
	struct pf_trace_step *trace;
	size_t ntrace;
	struct pf_finding_source *sources;
	size_t nsources;
	char *endpoint;       /* libcurl: the host the data is sent to, or NULL */
	char *sink_param;     /* the callee's name for the argument, or NULL */
	unsigned rank;        /* among sink calls of the same key in the function, from 0 */
	char fingerprint[33]; /* 32 lowercase hex digits */
	/* For accepted findings: "consent", "suppression" or "baseline"; else NULL. */
	char *accepted_by;
	char *reason; /* the suppression's reason, or NULL */
	/* Accepted by consent: the PII_CONSENT function whose check accepted
	 * it and the position of that call, or NULL and a zero position when
	 * the engine could not name one. */
	char *consent_function;
	struct pf_pos consent;
};

/* Diagnostics that are not flows: unknown-category, unused-suppression,
 * parse-error, unmatched-rule. */
struct pf_diagnostic {
	char *rule;
	enum pf_severity severity;
	struct pf_pos pos;
	char *message;
};

struct pf_summary_counts {
	unsigned translation_units;
	unsigned functions;
	unsigned opaque_calls; /* calls to functions with no body and no rule */
	unsigned findings;
	unsigned suppressed;
	unsigned baselined;
	unsigned consented;
	double seconds;
};

/* A personal-data source of the program: an annotation, or a rules entry
 * that matched a declaration or a call. The engine lists every one, whether
 * or not it reaches a sink, for `piiflow map`; check's reporters ignore them. */
struct pf_source_decl {
	char *category;
	char *name;     /* "email", or the function of a rules source ("getlogin") */
	char *function; /* the function it lies in, "" at file scope */
	char *how;      /* "is declared personal data", "returns personal data", ... */
	struct pf_pos pos;
};

/* A function whose nonzero result is express consent to purpose. */
struct pf_consent_decl {
	char *function;
	char *purpose;
};

struct pf_report {
	struct pf_finding *findings;
	size_t nfindings, capfindings;
	struct pf_finding *accepted;
	size_t naccepted, capaccepted;
	struct pf_diagnostic *diagnostics;
	size_t ndiagnostics, capdiagnostics;
	struct pf_summary_counts summary;
	struct pf_source_decl *sources; /* sorted and unique after pf_report_sort */
	size_t nsources, capsources;
	struct pf_consent_decl *consents; /* sorted and unique after pf_report_sort */
	size_t nconsents, capconsents;
};

void pf_report_init(struct pf_report *r);
void pf_report_free(struct pf_report *r);

/* Appends a deep copy of f (to findings, or to accepted when f->accepted_by
 * is set). The caller keeps f. In the copy, a finding without sources[]
 * gets one made of its source fields, and the source fields repeat
 * sources[0] otherwise; a NULL or empty message is replaced by
 * pf_finding_compose_message() and an empty fingerprint by
 * pf_finding_fingerprint(); NULL strings other than accepted_by, reason
 * and endpoint become "". */
void pf_report_add_finding(struct pf_report *r, const struct pf_finding *f);
/* Appends a diagnostic; strings are copied. */
void pf_report_add_diagnostic(struct pf_report *r, const char *rule, enum pf_severity sev,
                              const char *file, unsigned line, unsigned column,
                              const char *message);
/* Moves findings[i] into accepted with the given reason (reason may be NULL;
 * both strings are copied). Later findings shift down by one, keeping their
 * order, so a loop that accepts findings[i] must not advance i. */
void pf_report_accept(struct pf_report *r, size_t i, const char *accepted_by, const char *reason);

/* Appends a source or a consent function; strings are copied. */
void pf_report_add_source(struct pf_report *r, const char *category, const char *name,
                          const char *function, const char *how, const char *file, unsigned line,
                          unsigned column);
void pf_report_add_consent(struct pf_report *r, const char *function, const char *purpose);
/* Moves the sources and consent functions of src to dst (whose own are
 * freed): for filters that rebuild a report from its findings. */
void pf_report_move_decls(struct pf_report *dst, struct pf_report *src);
/* Frees the sources and consent functions (pf_report_free calls it). */
void pf_report_clear_decls(struct pf_report *r);
/* Sorts the sources (file, line, column, name, category) and the consent
 * functions, and removes duplicates (pf_report_sort calls it). */
void pf_report_sort_decls(struct pf_report *r);

/* Computes f->fingerprint (version 2): a hash (xxHash XXH3-128) of the
 * rule, the sink's callee, argument and function, the categories of its
 * sources (sorted, each once) and f->rank. Independent of lines, columns
 * and file order. */
void pf_finding_fingerprint(struct pf_finding *f);
/* The version 1 fingerprint that the flow from f->sources[i] (or the
 * source fields, when f has no sources[]) had when piiflow reported one
 * finding per source and sink: a hash of the rule, the category, the
 * source's name and function, the sink's callee, argument and function.
 * Baselines and reports of version 1 are matched with it. */
void pf_finding_fingerprint_v1(const struct pf_finding *f, size_t i, char out[33]);
/* Sets the rank of every finding and accepted finding of r among the sink
 * calls of the same rule, callee, argument, function and categories (in
 * the order of their positions; one call split between findings and
 * accepted keeps one rank) and recomputes the fingerprints. */
void pf_report_rank(struct pf_report *r);

/* Adds what src reports to dst, as if one engine run had found both (the
 * programs of one compile database are analyzed apart): the findings of one
 * sink call, argument and purpose become one, listing the sources of both
 * once each with its shortest trace; a source that reaches the call without
 * consent in either is not also listed as accepted by consent; diagnostics
 * dst has are not repeated. The fingerprints are ranked again. For the
 * engine's reports, before any filter moves findings to accepted. */
void pf_report_merge(struct pf_report *dst, const struct pf_report *src);

/* Drops from r each diagnostic of the given rule that keep does not have
 * (same position and message): an unmatched-rule warning holds for a
 * database only when every program's engine gave it. */
void pf_report_keep_common(struct pf_report *r, const char *rule, const struct pf_report *keep);

/* Sorts findings, accepted and diagnostics by file, line, column (of the sink,
 * for findings), rule, then message, then every other field, and removes
 * exact duplicates (equal in every field, trace included), so that two runs
 * diff clean. */
void pf_report_sort(struct pf_report *r);

/* Number of findings at or above the given severity. */
size_t pf_report_count_at_least(const struct pf_report *r, enum pf_severity sev);
/* Number of diagnostics at or above the given severity. */
size_t pf_report_count_diagnostics_at_least(const struct pf_report *r, enum pf_severity sev);

/* r->summary with findings, suppressed, baselined and consented recounted from
 * the findings and accepted arrays, so that the summary never disagrees with
 * the lists printed beside it. The reporters print this. */
struct pf_summary_counts pf_report_summary(const struct pf_report *r);

/* "personal data 'CAT' reaches PURPOSE sink 'CALLEE' (argument N)", N from 1,
 * with every category of the sources ('A' and 'B', 'A', 'B' and 'C') and
 * " sending to 'HOST'" for an endpoint: the first line of the text format.
 * Returns a heap string the caller frees. */
char *pf_finding_compose_message(const struct pf_finding *f);
/* "'NAME' is declared personal data (CAT) here": the note on the (first)
 * source. Returns a heap string the caller frees. */
char *pf_finding_source_note(const struct pf_finding *f);
/* The same note for one source. */
char *pf_finding_source_note_of(const struct pf_finding_source *s);
/* For a finding accepted by consent: "consent checked by 'FN' at
 * FILE:LINE:COL", without " at ..." when the check's position is unknown,
 * or "consent for PURPOSE" when the function is. Caller frees. */
char *pf_finding_consent_text(const struct pf_finding *f);
/* Severity and acceptance counts in one line, the last of the text
 * format: "2 errors, 0 warnings, 1 accepted (consent), 0 suppressed;
 * 3 translation units, 12 functions analyzed in 0.41 s". Caller frees. */
char *pf_report_summary_line(const struct pf_report *r);

/* "note", "warning", "error": the word of the text format and SARIF level. */
const char *pf_severity_name(enum pf_severity s);

#endif
