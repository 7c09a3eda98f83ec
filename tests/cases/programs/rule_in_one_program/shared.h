#ifndef SHARED_H
#define SHARED_H
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

struct user *current_user(void);
void partner_upload(const char *payload);

#endif
