#include <stdlib.h>
#include "vendor.h"
void on_start(void)
{
	vendor_log("start", getenv("USER"));
	vendor_log("lang", getenv("LANG"));
	vendor_printf("%s %s", "x", getenv("LOGNAME"));
}
