// A sink call inside a macro is reported at the line where the macro is used.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);

#define TRACK_USER(ev, u) adkit_track((ev), (u)->email)

void on_login(const struct user *u)
{
	TRACK_USER("login", u); // expect: pii-to-advertising(user.contact.email)
}
