// Each function-pointer variable calls only its own target: the ad emitter
// receives clean data, the log emitter the personal data.
// expect-none
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);
void audit_log(const char *line);

static void ads_emit(const char *who) { adkit_track("emit", who); }
static void log_emit(const char *who) { audit_log(who); }

void on_login(const struct user *u)
{
	void (*to_log)(const char *) = log_emit;
	void (*to_ads)(const char *) = ads_emit;

	to_log(u->email);
	to_ads("login");
}
