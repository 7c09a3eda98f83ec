// expect-none
// Two programs link the library of state.c and flush.c: capture (capture.c)
// stores personal data into g_last, report (report.c) sends g_last by
// flush_last. At run time they are two processes with a g_last each, so
// nothing personal reaches the sink. (A program is made of whole units:
// had flush_last been in state.c, capture would link it too and, as the
// engine reports every function of a program whether or not main calls it,
// report the flow.)
#include "shared.h"

void flush_last(void)
{
	adkit_track("last", g_last);
}
