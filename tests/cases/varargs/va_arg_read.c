// A variadic function reads its personal arguments with va_arg and sends
// them on.
#include <piiflow.h>
#include <stdarg.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void stats_prop(const char *key, const char *value ANALYTICS_SINK);

static void track_props(int n, ...)
{
	va_list ap;

	va_start(ap, n);
	for (int i = 0; i < n; i++) {
		const char *key = va_arg(ap, const char *);
		const char *value = va_arg(ap, const char *);
		stats_prop(key, value); // expect: pii-to-analytics(user.contact.email)
	}
	va_end(ap);
}

void on_signup(const struct user *u)
{
	track_props(2, "plan", "free", "email", u->email);
}
