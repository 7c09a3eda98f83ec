// Function pointers held in different instances of one struct type resolve
// per object: the ads tracker's callback is a sink, the log tracker's is
// not; a constant table indexed by a constant picks one entry.
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
	ads.track(u->email); // expect: pii-to-advertising(user.contact.email)
	handlers[0](u->email);
	handlers[1](u->email); // expect: pii-to-advertising(user.contact.email)
}
