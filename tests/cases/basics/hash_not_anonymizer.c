// Hashing is not anonymization: a hash of an e-mail address is still personal
// data (ad networks match hashed addresses).
#include <piiflow.h>

struct user {
	int id;
	char email[64] PII(user.contact.email);
};

AD_SINK void adnet_match(unsigned long hashed_email);

static unsigned long fnv1a(const char *s)
{
	unsigned long h = 1469598103934665603UL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211UL;
	return h;
}

void upload_audience(const struct user *u)
{
	adnet_match(fnv1a(u->email)); // expect: pii-to-advertising(user.contact.email)
}
