// strcpy and strncpy copy personal data into the destination buffer.
#include <piiflow.h>
#include <string.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
	char name[64] PII(user.name);
};

void adkit_track(const char *event, const char *payload AD_SINK);

void on_login(const struct user *u)
{
	char who[64];
	char display[32];

	strcpy(who, u->email);
	adkit_track("login", who); // expect: pii-to-advertising(user.contact.email)
	strncpy(display, u->name, sizeof display - 1);
	display[sizeof display - 1] = '\0';
	adkit_track("greet", display); // expect: pii-to-advertising(user.name)
}
