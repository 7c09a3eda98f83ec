#include "sinks.h"
#include "user.h"

void on_crash(const struct user *u)
{
	crash_attach(u->name); // expect: pii-to-crash_reports(user.name)
}
