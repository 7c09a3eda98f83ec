// The twin of exec_clean: the helper's option carries the user name, and
// the program reports the option it ran the helper with.
#include <piiflow.h>
#include <stdio.h>
#include <unistd.h>

char *login_name PII(user.account.username);

void stats_event(const char *payload ANALYTICS_SINK);

void run_helper(void)
{
	char helper[64] = "/usr/bin/ntlm_auth";
	char mode[96];
	snprintf(mode, sizeof mode, "--username=%s", login_name);
	if (fork() == 0) {
		execl(helper, helper, mode, (char *)NULL);
		_exit(1);
	}
	stats_event(mode); // expect: pii-to-analytics(user.account.username)
}
