// Packs work together: the user ID that GameAnalytics hands out is personal
// data (a source of the gameanalytics pack), and tagging Sentry events with
// it shares it with a second vendor.
#include <piiflow.h>
#include "gameanalytics.h"
#include "sentry.h"

void link_reports(void)
{
	const char *ga_user = gameAnalytics_getUserId();
	sentry_set_tag("ga_user", ga_user); // expect: pii-to-analytics(user.unique_id)
}
