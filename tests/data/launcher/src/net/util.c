/* Network events: a line wrapped before it is sent. Same basename as
 * src/util.c, so the launcher's IR files must not collide. */
#include <stdio.h>

#include "util.h"

static void wrap_into(char *out, size_t size, const char *tag, const char *s)
{
	snprintf(out, size, "[%s] %s", tag, s);
}

void net_wrap(char *out, size_t size, const char *s)
{
	wrap_into(out, size, "net", s);
}
