// A modelled call that writes a whole string into a local array replaces what
// it held (strcpy, snprintf, memcpy of the full size).
// expect-none
#include <piiflow.h>
#include <stdio.h>
#include <string.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);
void mail_send(const char *to);

void on_login(const struct user *u)
{
	static const char blank[64] = "guest";
	char buf[64];

	strcpy(buf, u->email);
	mail_send(buf);
	strcpy(buf, "anonymous");
	adkit_track("login", buf);

	snprintf(buf, sizeof buf, "%s", u->email);
	mail_send(buf);
	snprintf(buf, sizeof buf, "user-%ld", u->id);
	adkit_track("login", buf);

	memcpy(buf, u->email, sizeof buf);
	mail_send(buf);
	memcpy(buf, blank, sizeof buf);
	adkit_track("login", buf);
}
