// Copying a struct copies the arrays inside it, with their taint.
#include <piiflow.h>
#include <string.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

struct record {
	int kind;
	char who[64];
};

ANALYTICS_SINK void stats_record(const char *who, int kind);

void save_record(const struct user *u)
{
	struct record a = { 1, "" };

	strncpy(a.who, u->email, sizeof a.who - 1);
	struct record b = a;
	stats_record(b.who, b.kind); // expect: pii-to-analytics(user.contact.email)
}
