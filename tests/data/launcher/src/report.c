/* The crash reporter's breadcrumbs: what is logged here leaves the company. */
#include "bugsnag.h"
#include "util.h"

void report_line(const char *line)
{
	bugsnag_leave_breadcrumb(line, 0);
}
