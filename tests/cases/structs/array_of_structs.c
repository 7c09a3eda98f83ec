// A field written in one element of an array of structs is read back through
// any index (elements are not told apart, as in CodeQL).
#include <piiflow.h>
#include <stddef.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

struct kv {
	const char *key;
	const char *val;
};

AD_SINK void adkit_props(const char *key, const char *val);

void send_props(const struct user *u, size_t slot)
{
	struct kv props[4] = { { "plan", "free" }, { "src", "web" } };

	props[2].key = "contact";
	props[2].val = u->email;
	adkit_props(props[slot].key, props[slot].val); // expect: pii-to-advertising(user.contact.email)
}
