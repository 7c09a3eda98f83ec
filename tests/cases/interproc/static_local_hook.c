// The twin of static_local_hook_clean: the static local that the jump finds
// initialized names the advertising hook.
#include <piiflow.h>

struct user {
	char *email PII(user.contact.email);
};

void ads_send(const char *payload AD_SINK);

typedef void (*hook_fn)(const char *);

static void send_to_ads(const char *s)
{
	ads_send(s); // expect: pii-to-advertising(user.contact.email)
}

static void keep_local(const char *s)
{
	(void)s;
}

void plugin_register(hook_fn fn);

void setup(void)
{
	plugin_register(keep_local);
}

void resume(const struct user *u)
{
	goto again;
	{
		static const hook_fn on_event = send_to_ads;
	again:
		on_event(u->email);
	}
}
