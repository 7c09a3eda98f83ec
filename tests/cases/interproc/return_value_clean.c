// A function that returns only clean data returns clean data, though its
// argument holds personal data.
// expect-none
#include <piiflow.h>

struct user {
	long id;
	int premium;
	char email[64] PII(user.contact.email);
};

AD_SINK void adkit_segment(const char *tier);

static const char *tier_of(const struct user *u)
{
	return u->premium ? "gold" : "basic";
}

void on_identify(const struct user *u)
{
	adkit_segment(tier_of(u));
}
