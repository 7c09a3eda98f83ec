// A function body that writes personal data into *out makes the caller's
// buffer personal.
#include <piiflow.h>
#include <stdio.h>

struct user {
	long id;
	char name[64] PII(user.name);
};

PII_SINK(marketing) void mkt_personalize(const char *field, const char *value);

static void format_greeting(const struct user *u, char *out, size_t n)
{
	snprintf(out, n, "Hello %s!", u->name);
}

void send_greeting(const struct user *u)
{
	char greeting[96];

	format_greeting(u, greeting, sizeof greeting);
	mkt_personalize("greeting", greeting); // expect: pii-to-marketing(user.name)
}
