// An array of constant strings passed to a sink is clean.
// expect-none
#include <piiflow.h>
#include <stddef.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

AD_SINK void adkit_tags(const char *const *tags, size_t n);
void mail_welcome(const char *to);

void tag_signup(const struct user *u)
{
	const char *tags[] = { "signup", "web", "v2" };

	mail_welcome(u->email);
	adkit_tags(tags, 3);
}
