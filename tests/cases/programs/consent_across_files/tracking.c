#include "consent.h"

void adkit_track(const char *event, const char *payload AD_SINK);

void on_login(const struct user *u)
{
	if (user_ads_opt_in(u))
		adkit_track("login", u->email); // expect-accepted: pii-to-advertising by consent
}

void on_logout(const struct user *u)
{
	adkit_track("logout", u->email); // expect: pii-to-advertising(user.contact.email)
}
