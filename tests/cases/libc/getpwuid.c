// The C library pack makes everything getpwuid() returns personal data.
#include <piiflow.h>
#include <pwd.h>
#include <unistd.h>

ANALYTICS_SINK void stats_event(const char *name, const char *value);

void on_cli_start(void)
{
	const struct passwd *pw = getpwuid(getuid());

	if (pw != NULL)
		stats_event("login_shell", pw->pw_shell); // expect: pii-to-analytics(user)
}
