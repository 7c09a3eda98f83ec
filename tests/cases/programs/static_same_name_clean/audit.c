#include "app.h"

static void emit(const char *payload)
{
	audit_log(payload);
}

void audit_on_login(const struct user *u)
{
	emit(u->email);
}
