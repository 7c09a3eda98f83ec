// A category outside the taxonomy is reported where it is written. The field
// stays personal data (a typo must not silence the flow), so the sink is
// still reported; its category is not pinned down here.
#include <piiflow.h>

struct user {
	int id;
	char email[64] PII(user.contact.emial); // expect: unknown-category
};

void adkit_track(const char *event, const char *payload AD_SINK);

void on_login(const struct user *u)
{
	adkit_track("login", u->email); // expect: pii-to-advertising
}
