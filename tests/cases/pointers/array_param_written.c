// A parameter declared as an array is a pointer to the caller's array:
// what the callee writes into its elements (a digest, as sha1dc's
// SHA1DCFinal writes `output[20]`) is the caller's.
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

void report(const struct user *u)
{
	unsigned char d[4] = {0};

	digest(d, u->email);
	stats_event((const char *)d); // expect: pii-to-analytics(user.contact.email)
}
