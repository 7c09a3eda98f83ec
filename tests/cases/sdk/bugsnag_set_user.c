// Bugsnag's NDK API: bugsnag_set_user(id, email, name) sends all three with
// every error report; the e-mail and the name are reported.
#include <piiflow.h>
#include "bugsnag.h"

struct member {
	char id[16];
	char email[64] PII(user.contact.email);
	char name[64] PII(user.name);
};

void on_sign_in(const struct member *m)
{
	bugsnag_set_user(m->id, m->email, m->name); // expect: pii-to-analytics(user.contact.email), pii-to-analytics(user.name)
	bugsnag_leave_breadcrumb("signed in", BSG_CRUMB_USER);
}
