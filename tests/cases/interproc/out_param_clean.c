// An out-parameter gets only what the body writes to it: a buffer filled
// with a clean field of a personal record stays clean.
// expect-none
#include <piiflow.h>
#include <stdio.h>

struct user {
	long id;
	char name[64] PII(user.name);
	char locale[8];
};

PII_SINK(marketing) void mkt_personalize(const char *field, const char *value);

static void format_locale(const struct user *u, char *out, size_t n)
{
	snprintf(out, n, "lang=%s", u->locale);
}

void send_locale(const struct user *u)
{
	char buf[32];

	format_locale(u, buf, sizeof buf);
	mkt_personalize("locale", buf);
}
