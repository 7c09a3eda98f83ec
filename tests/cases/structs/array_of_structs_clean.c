// Fields stay apart inside an array of structs: the keys are clean even where
// a value holds personal data.
// expect-none
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

AD_SINK void adkit_key(const char *key);
void crm_store(const struct kv *props, size_t n);

void send_keys(const struct user *u)
{
	struct kv props[3] = { { "plan", "free" }, { "src", "web" } };

	props[2].key = "contact";
	props[2].val = u->email;
	crm_store(props, 3);
	for (size_t i = 0; i < 3; i++)
		adkit_key(props[i].key);
}
