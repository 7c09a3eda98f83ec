// A function with no body and no rule passes its arguments' data to its
// return value and into what its non-const pointer arguments point to.
#include <piiflow.h>
#include <stddef.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

const char *normalize_address(const char *addr);
void render_profile(const struct user *u, char *out, size_t n);

void adkit_track(const char *event, const char *payload AD_SINK);

void on_profile(const struct user *u)
{
	char card[256];

	adkit_track("addr", normalize_address(u->email)); // expect: pii-to-advertising(user.contact.email)
	render_profile(u, card, sizeof card);
	adkit_track("card", card); // expect: pii-to-advertising(user.contact.email)
}
