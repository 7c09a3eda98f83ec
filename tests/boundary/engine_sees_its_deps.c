/* Control probe: the engine sees its own private header and the public
 * headers of the modules it links (ir, rules, findings, util). */
#include "engine/engine_int.h"
#include "findings/findings.h"
#include "ir/ir.h"
#include "rules/rules.h"
#include "util/xalloc.h"

int pf_probe_engine_sees_its_deps(void)
{
	return 0;
}
