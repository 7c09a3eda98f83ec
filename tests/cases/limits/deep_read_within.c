/* The twin of deep_read_cut: the e-mail three pointers below the argument
 * is within the bound of a deep read, so the flow is found and no bound is
 * reported. */
#include <string.h>
#include "piiflow.h"

struct user {
	PII(user.contact.email) char email[64];
};

struct l3 {
	char *s;
};
struct l2 {
	struct l3 *c;
};
struct l1 {
	struct l2 *b;
};

ANALYTICS_SINK void stats_upload(const struct l1 *v);

void report(const struct user *u)
{
	char buf[64];
	struct l3 c3 = {buf};
	struct l2 c2 = {&c3};
	struct l1 c1 = {&c2};
	strcpy(buf, u->email);
	stats_upload(&c1); // expect: pii-to-analytics(user.contact.email)
}
