// Data passed through a helper's return value is reported at the sink call
// in the caller.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);

static const char *trim_spaces(const char *s)
{
	while (*s == ' ')
		s++;
	return s;
}

void on_login(const struct user *u)
{
	adkit_track("login", trim_spaces(u->email)); // expect: pii-to-advertising(user.contact.email)
}
