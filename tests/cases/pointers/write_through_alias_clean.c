// After the pointer is moved, a write through it taints only the new target.
// expect-none
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);
void mail_send(const char *to);

void on_share(const struct user *u)
{
	const char *primary = "none";
	const char *backup = "none";
	const char **slot = &primary;

	slot = &backup;
	*slot = u->email;
	mail_send(backup);
	adkit_track("share", primary);
}
