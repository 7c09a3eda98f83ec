#include <piiflow.h>
#include "handlers.h"

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void dispatch_login(const struct user *u)
{
	for (size_t i = 0; i < g_nhandlers; i++)
		g_handlers[i].fn(u->email);
}
