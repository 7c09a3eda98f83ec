// Writes through a parameter declared as an array reach the array the
// caller passed, and no other: the digest of the label goes out, the
// digest of the address stays in its own array.
// expect-none
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

ANALYTICS_SINK void stats_event(const char *value);

static void digest(unsigned char out[4], const char *in)
{
	out[0] = (unsigned char)in[0];
	out[1] = (unsigned char)(in[1] ^ in[2]);
}

void report(const struct user *u, const char *label)
{
	unsigned char mine[4] = {0}, theirs[4] = {0};

	digest(mine, label);
	digest(theirs, u->email);
	stats_event((const char *)mine);
}
