// The C library pack makes getlogin() a source.
#include <piiflow.h>
#include <unistd.h>

void adkit_track(const char *event, const char *payload AD_SINK);

void on_cli_start(void)
{
	const char *who = getlogin();

	if (who != NULL)
		adkit_track("cli_start", who); // expect: pii-to-advertising(user.account.username)
}
