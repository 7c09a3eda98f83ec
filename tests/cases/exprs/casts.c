// Casts, to another pointer type or to an integer, keep the taint.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
	short zip PII(user.contact.address.postal_code);
};

ANALYTICS_SINK void stats_bytes(const unsigned char *data, unsigned long len);
ANALYTICS_SINK void stats_number(const char *name, double value);

void export_user(const struct user *u)
{
	const unsigned char *raw = (const unsigned char *)u->email;

	stats_bytes(raw, 64UL); // expect: pii-to-analytics(user.contact.email)
	stats_number("zip", (double)(long)u->zip); // expect: pii-to-analytics(user.contact.address.postal_code)
}
