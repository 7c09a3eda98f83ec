// || gives no consent: the call is reachable without it.
#include <piiflow.h>

struct user {
	long id;
	int is_staff;
	char email[64] PII(user.contact.email);
};

PII_CONSENT(advertising) int ad_consent(const struct user *u);
void adkit_track(const char *event, const char *payload AD_SINK);

void on_login(const struct user *u)
{
	if (ad_consent(u) || u->is_staff)
		adkit_track("login", u->email); // expect: pii-to-advertising(user.contact.email)
}
