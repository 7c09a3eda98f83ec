// Whole-struct initialization and assignment copy every field's taint.
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
	struct event c;

	a.who = u->email;
	struct event b = a;
	c = b;
	adkit_track(c.name, c.who); // expect: pii-to-advertising(user.contact.email)
}
