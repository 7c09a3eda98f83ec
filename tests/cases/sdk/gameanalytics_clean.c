// Design and error events about the game itself are clean.
// expect-none
#include <stdio.h>
#include <piiflow.h>
#include "gameanalytics.h"

struct player {
	int level;
	const char *email PII(user.contact.email);
};

void level_done(const struct player *p)
{
	char fields[64];
	snprintf(fields, sizeof fields, "{\"level\":%d}", p->level);
	gameAnalytics_addDesignEvent("level:done", fields, EGAEnabled);
	gameAnalytics_setCustomDimension01("hard");
	gameAnalytics_addErrorEvent(EGAWarning, "asset missing", "{}", EGADisabled);
}
