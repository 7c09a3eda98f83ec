// Variadic arguments of a sink function are sinks like the fixed ones.
#include <piiflow.h>

struct user {
	int id;
	char email[64] PII(user.contact.email);
};

AD_SINK void adkit_logf(const char *fmt, ...);

void on_purchase(const struct user *u, int cents)
{
	adkit_logf("purchase id=%d cents=%d", u->id, cents);
	adkit_logf("purchase by %s cents=%d", u->email, cents); // expect: pii-to-advertising(user.contact.email)
}
