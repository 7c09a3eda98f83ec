// Session options that hold only the game's own data are clean.
// expect-none
#include <piiflow.h>
#include "eos_metrics.h"

struct player {
	const char *display_name PII(user.name);
};

void start_match(EOS_HMetrics metrics, const struct player *p, const char *match_id)
{
	EOS_Metrics_BeginPlayerSessionOptions opts = {0};
	opts.ApiVersion = EOS_METRICS_BEGINPLAYERSESSION_API_LATEST;
	opts.AccountIdType = EOS_MAIT_External;
	opts.AccountId.External = "anonymous";
	opts.ControllerType = EOS_UCT_MouseKeyboard;
	opts.GameSessionId = match_id;
	(void)p;
	EOS_Metrics_BeginPlayerSession(metrics, &opts);
}
