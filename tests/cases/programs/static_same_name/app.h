#ifndef APP_H
#define APP_H
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);
void billing_on_login(const struct user *u);
void promo_on_login(const struct user *u);

#endif
