#ifndef SHARED_H
#define SHARED_H
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

struct user *current_user(void);
void adkit_track(const char *event, const char *payload AD_SINK);

/* each program defines its own */
const char *prepare(const char *s);
void send_a(const char *s);
void send_b(const char *s);

#endif
