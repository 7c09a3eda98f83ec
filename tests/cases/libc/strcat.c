// strcat appends: the buffer keeps earlier personal data and gains new.
#include <piiflow.h>
#include <string.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);

void on_login(const struct user *u)
{
	char a[96];
	char b[96];

	strcpy(a, u->email);
	strcat(a, ";web");
	adkit_track("login", a); // expect: pii-to-advertising(user.contact.email)
	strcpy(b, "user=");
	strcat(b, u->email);
	adkit_track("login", b); // expect: pii-to-advertising(user.contact.email)
}
