// The static emit that holds the sink is called only with clean data; the
// other file's static emit, which gets personal data, only logs it.
// expect-none
#include "app.h"

static void emit(const char *payload)
{
	adkit_track("ads", payload);
}

void ads_on_start(void)
{
	emit("app_start");
}
