// A forward goto that jumps to the sink with the clean value is clean.
// expect-none
#include <piiflow.h>

struct user {
	int id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);
void cache_put(const char *key);

void on_visit(const struct user *u)
{
	const char *label = "guest";

	if (u->id == 0)
		goto send;
	cache_put(u->email);
send:
	adkit_track("visit", label);
}
