/* A sink reads what its argument reaches only so many pointers deep
 * (PF_DEEP_POINTERS): here the e-mail lies four pointers below the
 * argument, past the bound, so the flow is not seen, and the analysis says
 * so on the function whose read stopped. A run that missed the flow in
 * silence would fail this case. */
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
struct l0 {
	struct l1 *a;
};

ANALYTICS_SINK void stats_upload(const struct l0 *v);

void report(const struct user *u) /* expect: analysis-budget */
{
	char buf[64];
	struct l3 c3 = {buf};
	struct l2 c2 = {&c3};
	struct l1 c1 = {&c2};
	struct l0 c0 = {&c1};
	strcpy(buf, u->email);
	stats_upload(&c0);
}
