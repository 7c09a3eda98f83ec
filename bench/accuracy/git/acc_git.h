/*
 * Seeded sinks and a seeded source for the accuracy benchmark on git
 * (bench/README.md). The sinks have no body: they stand for an advertising
 * and an analytics SDK.
 */
#ifndef ACC_GIT_H
#define ACC_GIT_H

#include <piiflow.h>

/* A customer profile of a tool built on git's libraries: only `email` is
 * personal data; `id` and `plan` are not. */
struct acc_profile {
	long id;
	char email[64] PII(user.contact.email);
	char plan[16];
};

AD_SINK void acc_ad_event(const char *payload);
ANALYTICS_SINK void acc_stats_event(const char *payload);
/* an analytics sink by the rules file (rules.json), not by annotation */
void acc_usage_upload(const char *payload);

#endif
