// The C library pack makes the GECOS field of struct passwd (the user's real
// name) a source, wherever the struct comes from.
#include <piiflow.h>
#include <pwd.h>

ANALYTICS_SINK void stats_event(const char *name, const char *value);

void report_owner(const struct passwd *pw)
{
	stats_event("owner_uid", pw->pw_uid == 0 ? "root" : "user");
	stats_event("owner_name", pw->pw_gecos); // expect: pii-to-analytics(user.name)
}
