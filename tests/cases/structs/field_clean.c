// A field assigned personal data does not taint its sibling fields.
// expect-none
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

struct event {
	const char *name;
	const char *who;
	long user_id;
};

AD_SINK void adkit_tag(const char *name, const char *value);
AD_SINK void adkit_metric(const char *name, long value);

void on_purchase(const struct user *u)
{
	struct event ev;

	ev.name = "purchase";
	ev.who = u->email;
	ev.user_id = u->id;
	adkit_tag("event", ev.name);
	adkit_metric("user_id", ev.user_id);
}
