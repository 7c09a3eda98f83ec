// An accepted flow names the consent check that accepted it: here the
// check in the entry point, three helpers above the sink call (the
// helpers are called only under consent), and the nearer check of its own
// that a second path makes.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

PII_CONSENT(advertising) int ad_consent(const struct user *u);
PII_CONSENT(advertising) int ad_consent_fresh(const struct user *u);
void adkit_track(const char *event, const char *payload AD_SINK);

static void send_event(const char *name, const char *payload)
{
	adkit_track(name, payload); // expect-accepted: pii-to-advertising by consent(ad_consent:37)
}

static void send_profile(const struct user *u)
{
	send_event("profile", u->email);
}

static void sync_audience(const struct user *u)
{
	send_profile(u);
	if (ad_consent_fresh(u))
		adkit_track("fresh", u->email); // expect-accepted: pii-to-advertising by consent(ad_consent_fresh:29)
}

void on_login(const struct user *u)
{
	if (u->id == 0)
		return;
	if (ad_consent(u))
		sync_audience(u);
}
