// A struct returned by value carries the taint of its fields to the caller.
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

static struct event make_event(const struct user *u, const char *name)
{
	struct event e = { name, u->email };
	return e;
}

void on_logout(const struct user *u)
{
	struct event e = make_event(u, "logout");

	adkit_track(e.name, e.who); // expect: pii-to-advertising(user.contact.email)
}
