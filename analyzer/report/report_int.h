/*
 * What the reporters share, kept out of report.h so that jansson types stay
 * inside the reporters: strings that are always valid JSON whatever bytes a
 * path or a comment held, the root every JSON document starts with, one
 * deterministic dump, and the data map's flow counts in words. Internal to
 * analyzer/report/.
 */
#ifndef PF_REPORT_INT_H
#define PF_REPORT_INT_H

#include <stdio.h>

#include <jansson.h>

/* A new JSON string of s; NULL becomes "", and bytes that are not UTF-8
 * (a Latin-1 comment, a file name from another locale) become U+FFFD, since
 * jansson rejects them and a report must never lose a finding over it. */
json_t *pf_report_json_string(const char *s);

/* A new document root: {"version": schema_version, "tool": {"name", "version"}}. */
json_t *pf_report_json_root(int schema_version);

/* The "sink" object of a finding in JSON: its position, the function it
 * lies in, the callee and the argument (from 0). */
struct pf_finding;
json_t *pf_report_json_sink(const struct pf_finding *f);

/* Writes root with sorted keys, a two-space indent and a trailing newline, so
 * that two runs diff clean. Does not take root. Returns 0, or -1 when writing
 * failed (errno set). */
int pf_report_json_dump(FILE *out, const json_t *root);

/* Writes a data map's counts by status ("1 reported, 2 consent"), or none
 * when every count is 0. */
void pf_map_write_counts(FILE *out, const size_t *count, const char *none);

#endif
