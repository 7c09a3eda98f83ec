// A function that builds and returns a string from personal data returns
// personal data.
#include <piiflow.h>
#include <stdio.h>
#include <stdlib.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

AD_SINK void adkit_identify(const char *key);

static char *make_user_key(const struct user *u)
{
	char *key = malloc(96);

	if (key != NULL)
		snprintf(key, 96, "%ld:%s", u->id, u->email);
	return key;
}

void on_identify(const struct user *u)
{
	char *key = make_user_key(u);

	adkit_identify(key); // expect: pii-to-advertising(user.contact.email)
	free(key);
}
