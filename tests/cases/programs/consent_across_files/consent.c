// A consent function declared in a header and defined in one file guards
// sink calls in another; the unguarded call is still reported.
#include "consent.h"

bool user_ads_opt_in(const struct user *u)
{
	return (u->flags & FLAG_ADS_OPT_IN) != 0;
}
