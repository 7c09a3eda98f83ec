/* A vendor SDK header: the sinks are annotated where they are declared. */
#ifndef ADKIT_H
#define ADKIT_H
#include <piiflow.h>

void adkit_init(const char *app_key);
void adkit_set_user(const char *user_ref AD_SINK);
AD_SINK void adkit_event(const char *name, const char *value);

#endif
