// One macro used at two places gives a finding at each use.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);

#define TRACK_USER(ev, u) adkit_track((ev), (u)->email)

void on_session(const struct user *u, int is_new)
{
	if (is_new)
		TRACK_USER("signup", u); // expect: pii-to-advertising(user.contact.email)
	TRACK_USER("login", u); // expect: pii-to-advertising(user.contact.email)
}
