// A constant table of trackers, also handed to a function as a pointer
// (as Lua's library tables are to luaL_register): it still holds what its
// initializer says, so a call through its log entry reaches the log
// function only. `const T table[]` is a const array in clang's canonical
// type, whose element type is not const-qualified itself.
// expect-none
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
	trackers[1].send(u->email);
}
