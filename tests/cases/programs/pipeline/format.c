#include <stdio.h>
#include "user.h"

void format_recipient(char *out, size_t n, const char *who, const char *plan)
{
	snprintf(out, n, "%s <%s>", who, plan);
}
