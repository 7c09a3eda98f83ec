/* Must not compile: the engine works on the IR alone, lowering (and
 * libclang behind it) is not on its include path. */
#include "lower/lower.h"

int pf_probe_engine_reaches_lower(void)
{
	return 0;
}
