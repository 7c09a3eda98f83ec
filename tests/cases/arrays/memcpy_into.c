// memcpy into a local array copies the personal data into it.
#include <piiflow.h>
#include <string.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);

void on_invite(const struct user *u)
{
	char buf[64];

	memcpy(buf, u->email, sizeof buf);
	buf[sizeof buf - 1] = '\0';
	adkit_track("invite", buf); // expect: pii-to-advertising(user.contact.email)
}
