// With --no-default-rules getlogin() is no longer a source, while strcpy,
// now without a rule, still carries data by the conservative guess.
// piiflow-args: --no-default-rules
#include <piiflow.h>
#include <string.h>
#include <unistd.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);

void on_start(const struct user *u)
{
	char buf[64];

	adkit_track("login_name", getlogin());
	strcpy(buf, u->email);
	adkit_track("email", buf); // expect: pii-to-advertising(user.contact.email)
}
