// Getter in one file, formatter in another, sender in a third.
#include "user.h"

const char *user_email(const struct user *u)
{
	return u->email;
}

const char *user_plan(const struct user *u)
{
	return u->plan;
}
