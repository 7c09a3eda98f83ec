// A struct copy keeps fields apart: the copied clean field stays clean, and a
// copy of a clean struct is clean.
// expect-none
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

struct event {
	const char *name;
	const char *who;
};

void adkit_track(const char *event, const char *payload AD_SINK);

void on_login(const struct user *u)
{
	struct event a = { "login", "nobody" };
	struct event plain = { "open", "nobody" };

	a.who = u->email;
	struct event b = a;
	struct event c = plain;
	adkit_track("login", b.name);
	adkit_track("open", c.who);
}
