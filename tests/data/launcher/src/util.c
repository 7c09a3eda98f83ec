/* Text helpers; no personal data is special here. */
#include <string.h>

#include "util.h"

void copy_text(char *out, size_t size, const char *s)
{
	if (size == 0)
		return;
	strncpy(out, s, size - 1);
	out[size - 1] = '\0';
}
