/*
 * Reporters: turn a pf_report into the text (compiler style), JSON (schema
 * version 1) and SARIF 2.1.0 formats of SPEC section 5. They only read the
 * report. Each returns 0, or -1 when writing failed (errno set).
 */
#ifndef PF_REPORT_H
#define PF_REPORT_H

#include <stdio.h>

#include "findings/findings.h"

#define PF_TOOL_NAME "piiflow"
/* PF_VERSION is CMake's project(VERSION), the one place the version is set
 * (a compile definition of every module and of what links one). */
#define PF_TOOL_VERSION PF_VERSION

int pf_report_write_text(FILE *out, const struct pf_report *r);
int pf_report_write_json(FILE *out, const struct pf_report *r);
int pf_report_write_sarif(FILE *out, const struct pf_report *r);

/* The data map of `piiflow map` (findings/map.h) in its five formats,
 * described in docs/map.md: a text table, JSON (map schema version 1),
 * Markdown, Graphviz dot (categories -> functions -> sinks) and a fideslang
 * `system` manifest in YAML named system_key. Same return as above. */
struct pf_map;
int pf_map_write_text(FILE *out, const struct pf_map *m);
int pf_map_write_json(FILE *out, const struct pf_map *m);
int pf_map_write_markdown(FILE *out, const struct pf_map *m);
int pf_map_write_dot(FILE *out, const struct pf_map *m);
int pf_map_write_fideslang(FILE *out, const struct pf_map *m, const char *system_key);

/* Returns 0 when out has no error, else -1 with errno set (EIO if unset). */
int pf_report_flush(FILE *out);

#endif
