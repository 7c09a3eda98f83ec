// expect-none
// Two trackers of one struct type: personal data goes only to the log
// tracker (and table entry 0); the ads tracker gets a constant.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

AD_SINK void ads_track(const char *what);
void log_line(const char *what);

struct tracker {
	const char *name;
	void (*track)(const char *what);
};

static struct tracker ads = {"ads", ads_track};
static struct tracker logger = {"log", log_line};

static void (*const handlers[])(const char *) = {log_line, ads_track};

void on_login(const struct user *u)
{
	logger.track(u->email);
	ads.track("login");
	handlers[0](u->email);
	handlers[1]("login");
}
