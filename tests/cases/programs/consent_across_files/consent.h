#ifndef CONSENT_H
#define CONSENT_H
#include <piiflow.h>
#include <stdbool.h>

struct user {
	long id;
	unsigned flags;
	char email[64] PII(user.contact.email);
};

#define FLAG_ADS_OPT_IN 0x1u

PII_CONSENT(advertising) bool user_ads_opt_in(const struct user *u);

#endif
