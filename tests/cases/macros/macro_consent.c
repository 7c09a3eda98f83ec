// A consent check inside a macro covers the sink call in the same macro; the
// accepted flow is reported at the macro's use.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

PII_CONSENT(advertising) int ad_consent(const struct user *u);
void adkit_track(const char *event, const char *payload AD_SINK);

#define TRACK_IF_ALLOWED(ev, u)                                                \
	do {                                                                   \
		if (ad_consent(u))                                             \
			adkit_track((ev), (u)->email);                         \
	} while (0)

void on_login(const struct user *u)
{
	TRACK_IF_ALLOWED("login", u); // expect-accepted: pii-to-advertising(user.contact.email) by consent
}
