/* A user record and the three stages that turn it into a campaign message. */
#ifndef USER_H
#define USER_H
#include <piiflow.h>
#include <stddef.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
	char plan[16];
};

const char *user_email(const struct user *u);
const char *user_plan(const struct user *u);
void format_recipient(char *out, size_t n, const char *who, const char *plan);

#endif
