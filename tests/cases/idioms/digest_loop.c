// A digest computed byte by byte from personal data in a loop (FNV-1a, and
// hex digits written into an output array) is still personal data.
#include <piiflow.h>
#include <stdint.h>
#include <string.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

ANALYTICS_SINK void stats_id(uint32_t id);
ANALYTICS_SINK void stats_send(const char *what);

static uint32_t fnv1a(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static void to_hex(const unsigned char *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * n] = '\0';
}

void track(const struct user *u)
{
	char hex[129];
	stats_id(fnv1a(u->email, strlen(u->email))); // expect: pii-to-analytics(user.contact.email)
	to_hex((const unsigned char *)u->email, strlen(u->email), hex);
	stats_send(hex); // expect: pii-to-analytics(user.contact.email)
}
