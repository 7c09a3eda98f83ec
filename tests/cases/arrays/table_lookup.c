// A table read at an index derived from personal data is personal data
// (hex-encoding an e-mail address does not hide it).
#include <piiflow.h>
#include <stddef.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

AD_SINK void adnet_audience_add(const char *hex_id);

void add_to_audience(const struct user *u)
{
	static const char hex[] = "0123456789abcdef";
	char out[2 * sizeof u->email + 1];
	size_t n = 0;

	for (const unsigned char *p = (const unsigned char *)u->email; *p; p++) {
		out[n++] = hex[*p >> 4];
		out[n++] = hex[*p & 15];
	}
	out[n] = '\0';
	adnet_audience_add(out); // expect: pii-to-advertising(user.contact.email)
}
