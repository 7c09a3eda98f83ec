// A va_list started by va_start carries the variadic arguments into
// vsnprintf, and the formatted buffer reaches the sink.
#include <piiflow.h>
#include <stdarg.h>
#include <stdio.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

ANALYTICS_SINK void stats_send(const char *line);

static void trackf(const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	stats_send(line); // expect: pii-to-analytics(user.contact.email)
}

void on_login(const struct user *u)
{
	trackf("login user=%s", u->email);
}
