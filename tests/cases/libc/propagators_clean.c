// Library propagators copy only what they are given: clean inputs give clean
// outputs even in a function that handles personal data.
// expect-none
#define _POSIX_C_SOURCE 200809L
#include <piiflow.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
	char plan[16];
};

ANALYTICS_SINK void stats_event(const char *name, const char *value);
void mail_send(const char *to);

void report_plan(const struct user *u)
{
	char line[64];
	char *plan = strdup(u->plan);

	mail_send(u->email);
	snprintf(line, sizeof line, "id=%ld plan=%s", u->id, u->plan);
	stats_event("plan", line);
	if (plan != NULL) {
		stats_event("plan_raw", strchr(plan, '-'));
		free(plan);
	}
}
