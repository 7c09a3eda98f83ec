/* A stand-in for the bugsnag-ndk library, so that the program links. */
#include <stdio.h>

#include "bugsnag.h"

void bugsnag_leave_breadcrumb(const char *message, int type)
{
	printf("breadcrumb %d: %s\n", type, message);
}
