// A cast does not create taint: casting a clean value is clean.
// expect-none
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
	char plan[16];
};

ANALYTICS_SINK void stats_bytes(const unsigned char *data, unsigned long len);
ANALYTICS_SINK void stats_number(const char *name, double value);

void export_user(const struct user *u)
{
	stats_bytes((const unsigned char *)u->plan, sizeof u->plan);
	stats_number("id", (double)u->id);
}
