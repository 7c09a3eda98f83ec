// memcpy of clean bytes into an array leaves it clean, while another array
// receives the personal data.
// expect-none
#include <piiflow.h>
#include <string.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);
void mail_send(const char *to);

void on_invite(const struct user *u)
{
	static const char campaign[16] = "spring";
	char to[64];
	char tag[16];

	memcpy(to, u->email, sizeof to);
	memcpy(tag, campaign, sizeof tag);
	mail_send(to);
	adkit_track("invite", tag);
}
