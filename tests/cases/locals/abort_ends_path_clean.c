// A path that ends the program (abort) never reaches the sink after it:
// the e-mail address it puts into v is never sent; the label is.
// expect-none
#include <piiflow.h>
#include <stdlib.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

ANALYTICS_SINK void stats_event(const char *value);

void report(const struct user *u, const char *label, int broken)
{
	const char *v = label;

	if (broken) {
		v = u->email;
		abort();
	}
	stats_event(v);
}
