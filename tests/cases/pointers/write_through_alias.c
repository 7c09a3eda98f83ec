// Writing through a pointer to a local taints the local itself.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);

void on_share(const struct user *u)
{
	const char *target = "none";
	const char **slot = &target;

	*slot = u->email;
	adkit_track("share", target); // expect: pii-to-advertising(user.contact.email)
}
