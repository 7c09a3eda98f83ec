/* The customer record: the e-mail address is personal data. */
#ifndef DEMO_USER_H
#define DEMO_USER_H

#include <piiflow.h>
#include <stddef.h>

struct user {
	int id;
	char email[128] PII(user.contact.email);
};

/* Writes "id <email>" into out (src/core/user.c). */
void user_describe(char *out, size_t size, const struct user *u);

/* A static helper in a header: one copy per unit that includes it. */
static inline const char *user_email(const struct user *u)
{
	return u->email;
}

#endif
