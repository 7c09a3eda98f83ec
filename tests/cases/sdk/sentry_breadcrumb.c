// A breadcrumb whose message was formatted with the user's e-mail is sent
// with the next event: reported where it is added.
#include <stdio.h>
#include <piiflow.h>
#include "sentry.h"

struct account {
	char email[64] PII(user.contact.email);
};

void on_login(const struct account *a)
{
	char msg[128];
	snprintf(msg, sizeof msg, "login by %s", a->email);
	sentry_value_t crumb = sentry_value_new_breadcrumb("auth", msg);
	sentry_add_breadcrumb(crumb); // expect: pii-to-analytics(user.contact.email)
}
