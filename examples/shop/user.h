/*
 * The shop's customer record. The annotations tell piiflow which fields are
 * personal data; in an ordinary build <piiflow.h> makes them vanish.
 */
#ifndef SHOP_USER_H
#define SHOP_USER_H

#include <piiflow.h>

struct user {
	int id;
	char name[64] PII(user.name);
	char email[128] PII(user.contact.email);
	char country[3];
};

/* Nonzero when the customer opted in to personalised advertising. */
PII_CONSENT(advertising) int user_ad_consent(const struct user *u);

#endif
