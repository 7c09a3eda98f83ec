// A function converted to another pointer type is still a target of a
// call through that type, which no function has.
#include <piiflow.h>

struct user {
	char email[64] PII(user.contact.email);
	int visits;
};

void ads_send(const char *payload AD_SINK);

typedef void (*any_fn)(void *);

static void call_any(any_fn f, void *arg)
{
	f(arg);
}

static void send_user(struct user *u)
{
	ads_send(u->email); // expect: pii-to-advertising(user.contact.email)
}

void run(struct user *u)
{
	call_any((any_fn)send_user, u);
}
