/*
 * Reporters: turn a pf_report into the text (compiler style), JSON (schema
 * version 1) and SARIF 2.1.0 formats of SPEC section 5. They only read the
 * report. Each returns 0, or -1 when writing failed (errno set).
 */
#ifndef PF_REPORT_H
#define PF_REPORT_H

#include <stdio.h>

#include "../findings/findings.h"

#define PF_TOOL_NAME "piiflow"
/* PF_VERSION is CMake's project(VERSION), the one place the version is set
 * (a compile definition of every module and of what links one). */
#define PF_TOOL_VERSION PF_VERSION

int pf_report_write_text(FILE *out, const struct pf_report *r);
int pf_report_write_json(FILE *out, const struct pf_report *r);
int pf_report_write_sarif(FILE *out, const struct pf_report *r);

#endif
