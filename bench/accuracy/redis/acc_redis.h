/*
 * Seeded sinks and a seeded source for the accuracy benchmark on redis
 * (bench/accuracy/README section in bench/README.md). The sinks have no body:
 * they stand for an advertising and an analytics SDK.
 */
#ifndef ACC_REDIS_H
#define ACC_REDIS_H

#include <piiflow.h>
#include <stdint.h>

/* A customer profile of the application built on redis: only `email` is
 * personal data; `id` and `plan` are not. */
struct acc_profile {
    long id;
    char email[64] PII(user.contact.email);
    char plan[16];
};

AD_SINK void acc_ad_event(const char *payload);
ANALYTICS_SINK void acc_stats_event(const char *payload);
ANALYTICS_SINK void acc_stats_id(uint64_t id);
/* an advertising sink by the rules file (rules.json), not by annotation */
void acc_partner_upload(const char *payload);

#endif
