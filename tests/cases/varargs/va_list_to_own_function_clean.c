// The builder of va_list_to_own_function.c given only clean arguments:
// the user's e-mail address is at hand but never formatted.
// expect-none
#include <piiflow.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

ANALYTICS_SINK void stats_send(const char *line);

static void buf_vprintf(char *out, size_t size, const char *fmt, va_list ap)
{
	va_list cpy;
	va_copy(cpy, ap);
	vsnprintf(out, size, fmt, cpy);
	va_end(cpy);
}

static void buf_printf(char *out, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(out, size, fmt, ap);
	va_end(ap);
}

void on_login(const struct user *u)
{
	char line[128];
	buf_printf(line, sizeof line, "login id=%ld", u->id);
	if (u->email[0])
		stats_send(line);
}
