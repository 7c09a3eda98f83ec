// A table read at a clean index is clean.
// expect-none
#include <piiflow.h>
#include <stddef.h>

struct user {
	unsigned long id;
	char email[64] PII(user.contact.email);
};

AD_SINK void adnet_audience_add(const char *hex_id);

void add_to_audience(const struct user *u)
{
	static const char hex[] = "0123456789abcdef";
	char out[2 * sizeof(unsigned long) + 1];
	unsigned long id = u->id;
	size_t n = 0;

	for (int shift = 8 * (int)sizeof id - 4; shift >= 0; shift -= 4)
		out[n++] = hex[(id >> shift) & 15];
	out[n] = '\0';
	adnet_audience_add(out);
}
