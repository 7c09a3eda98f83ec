// A variadic function called only with clean arguments sends nothing
// personal.
// expect-none
#include <piiflow.h>
#include <stdarg.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
	char plan[16];
};

void stats_prop(const char *key, const char *value ANALYTICS_SINK);
void mail_send(const char *to);

static void track_props(int n, ...)
{
	va_list ap;

	va_start(ap, n);
	for (int i = 0; i < n; i++) {
		const char *key = va_arg(ap, const char *);
		const char *value = va_arg(ap, const char *);
		stats_prop(key, value);
	}
	va_end(ap);
}

void on_signup(const struct user *u)
{
	mail_send(u->email);
	track_props(2, "plan", u->plan, "source", "web");
}
