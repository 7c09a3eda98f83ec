// A helper called only under consent: its sink call is reached only when the
// consent function returned nonzero, so it is accepted (like a CodeQL
// barrier guard on the argument passed in the guarded block).
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

PII_CONSENT(advertising) int ad_consent(const struct user *u);
void adkit_track(const char *event, const char *payload AD_SINK);

static void send_audience(const struct user *u)
{
	adkit_track("audience", u->email); // expect-accepted: pii-to-advertising by consent(ad_consent:21)
}

void on_login(const struct user *u)
{
	if (ad_consent(u))
		send_audience(u);
}
