// Epic Online Services' Metrics interface feeds Epic's game analytics: the
// player's display name in the session options is reported where the
// options are passed, and so is an external account ID that is the
// player's e-mail.
#include <piiflow.h>
#include "eos_metrics.h"

struct player {
	const char *display_name PII(user.name);
	const char *login_email PII(user.contact.email);
};

void start_match(EOS_HMetrics metrics, const struct player *p)
{
	EOS_Metrics_BeginPlayerSessionOptions opts = {0};
	opts.ApiVersion = EOS_METRICS_BEGINPLAYERSESSION_API_LATEST;
	opts.AccountIdType = EOS_MAIT_External;
	opts.AccountId.External = "player-1";
	opts.DisplayName = p->display_name;
	opts.ControllerType = EOS_UCT_GamepadControl;
	EOS_Metrics_BeginPlayerSession(metrics, &opts); // expect: pii-to-analytics(user.name)
}

void end_match(EOS_HMetrics metrics, const struct player *p)
{
	EOS_Metrics_EndPlayerSessionOptions opts = {0};
	opts.ApiVersion = EOS_METRICS_ENDPLAYERSESSION_API_LATEST;
	opts.AccountIdType = EOS_MAIT_External;
	opts.AccountId.External = p->login_email;
	EOS_Metrics_EndPlayerSession(metrics, &opts); // expect: pii-to-analytics(user.contact.email)
}
