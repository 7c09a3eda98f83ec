#include <string.h>

#include "shared.h"

char g_last[64];

void remember(const char *s)
{
	strcpy(g_last, s);
}
