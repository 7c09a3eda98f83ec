// Pointer arithmetic keeps pointing into personal data (the domain part of an
// e-mail address).
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

ANALYTICS_SINK void stats_event(const char *name, const char *value);

void report_domain(const struct user *u)
{
	const char *p = u->email;

	while (*p != '\0' && *p != '@')
		p++;
	if (*p == '@')
		stats_event("email_domain", p + 1); // expect: pii-to-analytics(user.contact.email)
}
