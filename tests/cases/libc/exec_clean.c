// The exec family (libc pack) replaces the process with another program:
// on success it never returns, on failure it writes nothing. What it is
// handed leaves the program; it does not reach its other arguments. As a
// function with no body and no rule it wrote the user name into every
// other string it was given (curl's NTLM helper runs `ntlm_auth` with the
// user name beside the helper's path and its options).
// expect-none
#include <piiflow.h>
#include <unistd.h>

char *login_name PII(user.account.username);

void stats_event(const char *payload ANALYTICS_SINK);

void run_helper(void)
{
	char helper[64] = "/usr/bin/ntlm_auth";
	char mode[32] = "--helper-protocol=ntlmssp-client-1";
	if (fork() == 0) {
		execl(helper, helper, mode, "--username", login_name, (char *)NULL);
		_exit(1);
	}
	stats_event(mode);
}
