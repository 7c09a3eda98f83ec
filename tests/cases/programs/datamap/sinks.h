#ifndef DATAMAP_SINKS_H
#define DATAMAP_SINKS_H

#include <piiflow.h>

void ad_track(const char *event, const char *payload AD_SINK);
void metrics_count(const char *key ANALYTICS_SINK, int n);
void crash_attach(const char *note PII_SINK(crash_reports));

#endif
