#ifndef LIB_H
#define LIB_H
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);

extern const char *g_pending;
void lib_login(const struct user *u);
void lib_flush(void);

#endif
