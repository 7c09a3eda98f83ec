/* Formats a customer for the logs and the crash reporter. */
#include <stdio.h>

#include "user.h"

void user_describe(char *out, size_t size, const struct user *u)
{
	snprintf(out, size, "%d <%s>", u->id, user_email(u));
}
