/* Text helpers; no personal data is special here. The suppression below
 * matches nothing: both check -p and the linked IR report it as unused. */
#include <string.h>

#include "util.h"

void copy_text(char *out, size_t size, const char *s)
{
	if (size == 0)
		return;
	/* piiflow-allow(pii-to-analytics): an old exception, no longer needed */
	strncpy(out, s, size - 1);
	out[size - 1] = '\0';
}
