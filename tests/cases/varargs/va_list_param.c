// A va_list handed to a v-style helper of the project's own still carries
// the caller's variadic arguments.
#include <piiflow.h>
#include <stdarg.h>
#include <stdio.h>

struct user {
	long id;
	char ip[46] PII(user.device.ip_address);
};

AD_SINK void adkit_send(const char *line);

static void vtrack(const char *fmt, va_list ap)
{
	char line[256];

	vsnprintf(line, sizeof line, fmt, ap);
	adkit_send(line); // expect: pii-to-advertising(user.device.ip_address)
}

static void track(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vtrack(fmt, ap);
	va_end(ap);
}

void on_request(const struct user *u)
{
	track("request from %s", u->ip);
}
