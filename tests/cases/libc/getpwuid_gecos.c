// getpwuid()->pw_gecos is reached by two sources of the C library pack, the
// function's result (user) and the field (user.name): one finding for the
// call that lists both (the fingerprint names both categories).
#include <piiflow.h>
#include <pwd.h>
#include <unistd.h>

ANALYTICS_SINK void stats_event(const char *name, const char *value);

void on_cli_start(void)
{
	const struct passwd *pw = getpwuid(getuid());

	if (pw != NULL && pw->pw_gecos != NULL)
		stats_event("real_name", pw->pw_gecos); // expect: pii-to-analytics(user.name), pii-to-analytics(user)
}
