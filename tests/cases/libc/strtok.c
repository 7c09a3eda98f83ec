// strtok returns pieces of its personal input buffer.
#include <piiflow.h>
#include <string.h>

struct user {
	long id;
	char name[64] PII(user.name);
};

PII_SINK(marketing) void mkt_personalize(const char *field, const char *value);

void personalize(const struct user *u)
{
	char buf[64];
	const char *first;

	strcpy(buf, u->name);
	first = strtok(buf, " ");
	if (first != NULL)
		mkt_personalize("first_name", first); // expect: pii-to-marketing(user.name)
}
