// exit() runs the program's atexit handlers: what the path stored before it
// is read there (an analytics flush at exit), so exit does not end the
// path as abort does.
#include <piiflow.h>
#include <stdlib.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

ANALYTICS_SINK void stats_event(const char *value);

static const char *pending;

static void flush(void)
{
	if (pending)
		stats_event(pending); // expect: pii-to-analytics(user.contact.email)
}

void quit(const struct user *u)
{
	atexit(flush);
	pending = u->email;
	exit(0);
}
