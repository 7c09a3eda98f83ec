// A breadcrumb that names the event and a count, not the user, is clean.
// expect-none
#include <stdio.h>
#include <piiflow.h>
#include "sentry.h"

struct account {
	int failed_attempts;
	char email[64] PII(user.contact.email);
};

void on_login(const struct account *a)
{
	char msg[128];
	snprintf(msg, sizeof msg, "login after %d failed attempts", a->failed_attempts);
	sentry_add_breadcrumb(sentry_value_new_breadcrumb("auth", msg));
}
