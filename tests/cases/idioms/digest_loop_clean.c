// expect-none
// The same digest and hex encoder applied to a device model string; the
// user's e-mail is hashed too, but kept.
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

uint32_t kept;

void track(const struct user *u, const char *model)
{
	char hex[129];
	kept = fnv1a(u->email, strlen(u->email));
	stats_id(fnv1a(model, strlen(model)));
	to_hex((const unsigned char *)model, strlen(model), hex);
	stats_send(hex);
}
