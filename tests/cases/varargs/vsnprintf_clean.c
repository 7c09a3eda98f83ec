// The same formatting wrapper called only with clean arguments is clean.
// expect-none
#include <piiflow.h>
#include <stdarg.h>
#include <stdio.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

ANALYTICS_SINK void stats_send(const char *line);
void mail_send(const char *to);

static void trackf(const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	stats_send(line);
}

void on_login(const struct user *u)
{
	mail_send(u->email);
	trackf("login id=%ld", u->id);
}
