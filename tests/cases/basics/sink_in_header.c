// Sinks declared in an SDK header are found from the including file.
#include "adkit.h"

struct user {
	int id;
	char email[64] PII(user.contact.email);
};

void on_start(const struct user *u)
{
	adkit_init("k-123");
	adkit_set_user(u->email); // expect: pii-to-advertising(user.contact.email)
	adkit_event("start", "cold");
}
