// A backward goto (a retry loop) carries taint to the label like a loop.
#include <piiflow.h>

struct user {
	int id;
	char email[64] PII(user.contact.email);
};

int adkit_post(const char *event, const char *payload AD_SINK);

void post_signup(const struct user *u)
{
	const char *payload = "signup";
	int tries = 0;

retry:
	if (adkit_post("signup", payload) != 0) { // expect: pii-to-advertising(user.contact.email)
		payload = u->email;
		if (++tries < 3)
			goto retry;
	}
}
