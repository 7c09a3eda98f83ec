// The data map's multi-file program (tests/e2e/test_map.sh): advertising
// flows reported and accepted under consent, in two files.
#include "sinks.h"
#include "user.h"

void on_purchase(const struct user *u)
{
	ad_track("purchase", u->email); // expect: pii-to-advertising(user.contact.email)
	if (ads_allowed(u))
		ad_track("purchase_personal", u->email); // expect-accepted: pii-to-advertising by consent
}
