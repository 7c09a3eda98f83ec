// A function annotated PII returns personal data, even without a body.
#include <piiflow.h>

PII(user.location.precise) const char *gps_last_fix(void);
const char *app_build_id(void);

void adkit_track(const char *event, const char *payload AD_SINK);

void on_app_open(void)
{
	const char *where = gps_last_fix();

	adkit_track("build", app_build_id());
	adkit_track("open", where); // expect: pii-to-advertising(user.location.precise)
}
