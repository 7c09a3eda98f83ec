// An array of strings passed to a sink carries any personal string in it.
#include <piiflow.h>
#include <stddef.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

AD_SINK void adkit_tags(const char *const *tags, size_t n);

void tag_signup(const struct user *u)
{
	const char *tags[] = { "signup", "web", u->email };

	adkit_tags(tags, sizeof tags / sizeof tags[0]); // expect: pii-to-advertising(user.contact.email)
}
