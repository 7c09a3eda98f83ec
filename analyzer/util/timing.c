/*
 * The monotonic clock and PIIFLOW_TIMING's stage times (timing.h).
 */
#include "util/timing.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

double pf_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void pf_stage_time(const char *stage, double t0)
{
	const char *file = getenv("PIIFLOW_TIMING");
	FILE *f = file && *file ? fopen(file, "a") : NULL;
	if (!f)
		return;
	fprintf(f, "%ld %-9s %.3f\n", (long)getpid(), stage, pf_now() - t0);
	fclose(f);
}
