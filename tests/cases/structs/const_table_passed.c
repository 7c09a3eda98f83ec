// A constant table of trackers, also handed to a function as a pointer:
// the call through its ads entry reaches the advertising sink.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

struct tracker {
	const char *name;
	void (*send)(const char *payload);
};

AD_SINK void ad_event(const char *payload);

static void log_line(const char *payload)
{
	(void)payload;
}

static const struct tracker trackers[] = {{"ads", ad_event}, {"log", log_line}};

void register_trackers(const struct tracker *t, int n);

void report(const struct user *u)
{
	register_trackers(trackers, 2);
	trackers[0].send(u->email); // expect: pii-to-advertising(user.contact.email)
}
