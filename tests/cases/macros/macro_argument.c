// A sink call written as a macro argument is reported at the macro's use.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);
void lock_stats(void);
void unlock_stats(void);

#define WITH_STATS_LOCK(stmt) do { lock_stats(); stmt; unlock_stats(); } while (0)

void on_login(const struct user *u)
{
	WITH_STATS_LOCK(adkit_track("login", u->email)); // expect: pii-to-advertising(user.contact.email)
}
