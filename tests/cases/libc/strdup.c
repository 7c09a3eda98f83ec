// strdup returns a copy that is as personal as the original.
#define _POSIX_C_SOURCE 200809L
#include <piiflow.h>
#include <stdlib.h>
#include <string.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);

void on_signup(const struct user *u)
{
	char *copy = strdup(u->email);

	if (copy == NULL)
		return;
	adkit_track("signup", copy); // expect: pii-to-advertising(user.contact.email)
	free(copy);
}
