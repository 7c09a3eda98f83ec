#ifndef APP_H
#define APP_H
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);
void audit_log(const char *line);

#endif
