/* Must not compile: the engine links the rules module, but only its public
 * header; rules_internal.h belongs to the loader. */
#include "rules/rules_internal.h"

int pf_probe_engine_reaches_rules_internal(void)
{
	return 0;
}
