// A function without body, rule or arguments is not a source; neither is
// getpid(). The user's email is at hand but is not what is sent.
// expect-none
#include <piiflow.h>
#include <unistd.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

const char *app_version(void);

void adkit_track(const char *event, const char *payload AD_SINK);
AD_SINK void adkit_metric(const char *name, long value);

void on_cli_start(const struct user *u)
{
	adkit_track("version", app_version());
	adkit_metric("pid", (long)getpid());
	adkit_metric("user", u->id);
}
