#include "shared.h"

static void file_send(const char *data)
{
	(void)data;
}

const struct handler handler_file = {"file", file_send};
