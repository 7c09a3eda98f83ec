// Union members overlap: what is written through one member is read through
// every other member.
#include <piiflow.h>
#include <string.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

union payload {
	const char *text;
	const unsigned char *bytes;
};

void stats_blob(const unsigned char *data ANALYTICS_SINK, size_t len);

void upload_contact(const struct user *u)
{
	union payload p;

	p.text = u->email;
	stats_blob(p.bytes, strlen(p.text)); // expect: pii-to-analytics(user.contact.email)
}
