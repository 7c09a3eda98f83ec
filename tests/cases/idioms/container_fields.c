// Containers whose entries mix personal and other data: a linked list of
// sessions and a dict of entries; only the personal field reaches the sink,
// the clean field of the same entry does not.
#include <piiflow.h>
#include <stdlib.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

ANALYTICS_SINK void stats_send(const char *what);
ANALYTICS_SINK void stats_count(const char *what);

struct session {
	const char *who;
	const char *client;
	struct session *next;
};

struct session *sessions;

void session_add(const char *who, const char *client)
{
	struct session *s = malloc(sizeof(*s));
	s->who = who;
	s->client = client;
	s->next = sessions;
	sessions = s;
}

void report_sessions(void)
{
	for (struct session *s = sessions; s; s = s->next) {
		stats_count(s->client);
		stats_send(s->who); // expect: pii-to-analytics(user.contact.email)
	}
}

void login(const struct user *u)
{
	session_add(u->email, "cli");
}
