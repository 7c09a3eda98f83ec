// Two static functions named emit in two files are two functions: only the
// one called with personal data reports.
#include "app.h"

static void emit(const char *payload)
{
	adkit_track("billing", payload); // expect: pii-to-advertising(user.contact.email)
}

void billing_on_login(const struct user *u)
{
	emit(u->email);
}
