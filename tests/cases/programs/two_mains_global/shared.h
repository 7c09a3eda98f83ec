#ifndef SHARED_H
#define SHARED_H
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

struct user *current_user(void);
void adkit_track(const char *event, const char *payload AD_SINK);

extern char g_last[64];
void remember(const char *s);
void flush_last(void);

#endif
