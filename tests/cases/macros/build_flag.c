// Code compiled only under a build flag is analyzed with the case's flags
// (-DWITH_ADS), as the compile command would build it.
// piiflow-flags: -DWITH_ADS=1
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);

void on_login(const struct user *u)
{
#if defined(WITH_ADS)
	adkit_track("login", u->email); // expect: pii-to-advertising(user.contact.email)
#else
	(void)u;
#endif
}
