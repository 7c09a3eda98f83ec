// Only the annotated parameter is a sink: personal data in another argument
// of the same function is not reported.
// expect-none
#include <piiflow.h>

struct user {
	int id;
	char username[32] PII(user.account.username);
};

void adkit_track(const char *event, const char *payload AD_SINK);

void on_profile_view(const struct user *u)
{
	/* The event name is shown in the operator's dashboard only. */
	adkit_track(u->username, "profile_view");
}
