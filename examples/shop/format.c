/*
 * Payload formatting, in a file of its own as in real code: piiflow follows
 * the e-mail address from here back to the caller that sends it.
 */
#include <stdio.h>

#include "ads.h"
#include "user.h"

void format_purchase(char *out, size_t size, const struct user *u, int cents)
{
	snprintf(out, size, "{\"email\":\"%s\",\"country\":\"%s\",\"total\":%d}", u->email,
	         u->country, cents);
}
