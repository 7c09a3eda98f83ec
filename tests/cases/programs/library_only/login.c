// A library: no main. What lib_login keeps in a global, lib_flush (in
// another file) sends; nothing calls either here, and the flow is found.
#include "lib.h"

const char *g_pending;

void lib_login(const struct user *u)
{
	g_pending = u->email;
}
