// A static local is initialized before the program starts, not when its
// declaration is reached: a jump past the declaration (a protothread's
// resumption, a `goto` into its block) finds it holding its initializer.
// The function never assigns it, so it holds that for good, as a constant
// global does, and a call through it reaches the function it names. Read
// as unknown where the jump skipped the declaration, the call reached
// every function of its type that the program hands away, the advertising
// one too.
// expect-none
#include <piiflow.h>

struct user {
	char *email PII(user.contact.email);
};

void ads_send(const char *payload AD_SINK);

typedef void (*hook_fn)(const char *);

static void send_to_ads(const char *s)
{
	ads_send(s);
}

static void keep_local(const char *s)
{
	(void)s;
}

/* the advertising hook is handed to a library, which calls it later */
void plugin_register(hook_fn fn);

void setup(void)
{
	plugin_register(send_to_ads);
}

void resume(const struct user *u)
{
	goto again;
	{
		static const hook_fn on_event = keep_local;
	again:
		on_event(u->email);
	}
}
