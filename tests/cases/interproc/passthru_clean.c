// A helper is summarized per call: the call with a constant is clean even
// though another call of the same helper passes personal data.
// expect-none
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);
void mail_send(const char *to);

static const char *trim_spaces(const char *s)
{
	while (*s == ' ')
		s++;
	return s;
}

void on_login(const struct user *u)
{
	mail_send(trim_spaces(u->email));
	adkit_track("login", trim_spaces("  guest"));
}
