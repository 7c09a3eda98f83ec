// A function-local static that only ever holds clean data is clean.
// expect-none
#include <piiflow.h>
#include <stdio.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

ANALYTICS_SINK void stats_event(const char *name, const char *value);
void mail_send(const char *to);

void on_login(const struct user *u)
{
	static char previous[32] = "none";

	mail_send(u->email);
	stats_event("previous_login", previous);
	snprintf(previous, sizeof previous, "id-%ld", u->id);
}
