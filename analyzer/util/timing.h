/*
 * Time for people, never for verdicts: a monotonic clock in seconds, and the
 * stage times that PIIFLOW_TIMING=FILE asks for (where the time of a check,
 * or of a language server's analysis child, goes).
 */
#ifndef PF_TIMING_H
#define PF_TIMING_H

/* Seconds of a monotonic clock. */
double pf_now(void);

/* With PIIFLOW_TIMING=FILE set, appends "PID STAGE SECONDS" to FILE: the
 * seconds since t0 (a pf_now() value) at the end of a stage. */
void pf_stage_time(const char *stage, double t0);

#endif
