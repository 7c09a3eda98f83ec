// A library's entry point that calls a callback its user passes: the
// program converts its sender to the callback's type (registering it with
// a call the program has no body for), and no call of the entry point is
// in the program. The call through the parameter reaches the functions
// converted to its type, and the personal data passed to it reaches the
// sink.
#include <piiflow.h>

struct user {
	char *email PII(user.contact.email);
};

void ads_send(const char *payload AD_SINK);

typedef void (*visit_fn)(const char *value, void *ctx);

void lib_register(visit_fn fn);

void lib_visit(visit_fn fn, struct user *u, void *ctx)
{
	fn(u->email, ctx);
}

static void send_value(const char *value, int *counter)
{
	(*counter)++;
	ads_send(value); // expect: pii-to-advertising(user.contact.email)
}

void setup(void)
{
	lib_register((visit_fn)send_value);
}
