// A function without body, rule or arguments is not a source; neither is
// getpid().
// expect-none
#include <piiflow.h>
#include <unistd.h>

const char *app_version(void);

void adkit_track(const char *event, const char *payload AD_SINK);
AD_SINK void adkit_metric(const char *name, long value);

void on_cli_start(void)
{
	adkit_track("version", app_version());
	adkit_metric("pid", (long)getpid());
}
