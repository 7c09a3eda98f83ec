// A macro wrapping a sink, used with clean data only, is clean.
// expect-none
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
	char plan[16];
};

void adkit_track(const char *event, const char *payload AD_SINK);

#define TRACK(ev, value) adkit_track((ev), (value))
#define TRACK_PLAN(u) TRACK("plan", (u)->plan)

void on_upgrade(const struct user *u)
{
	TRACK_PLAN(u);
	TRACK("upgrade", "annual");
}
