// With _CRT_SECURE_LOG_S, mat.h turns evt_log into evt_log_s with the array
// size; the finding is at the use of the macro.
#define _CRT_SECURE_LOG_S
#include <piiflow.h>
#include "mat.h"

struct device {
	const char *serial;
	const char *mac PII(user.device.device_id.mac_address);
};

void log_boot(evt_handle_t handle, const struct device *d)
{
	evt_prop event[] = TELEMETRY_EVENT(_STR("name", "boot"), _STR("mac", d->mac));
	evt_log(handle, event); // expect: pii-to-analytics(user.device.device_id.mac_address)
}
