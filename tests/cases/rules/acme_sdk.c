// A project rules file declares an SDK's sources (a return value and an
// out-argument) and sinks (chosen arguments, and a name pattern).
// piiflow-args: --rules {dir}/acme_sdk.json
#include <stddef.h>

struct acme_profile {
	int uid;
	char display_name[64];
};

const char *acme_session_email(void);
int acme_load_profile(int uid, struct acme_profile *out);
void acme_ads_log(const char *app_key, const char *event, ...);
void acme_metric_tag(const char *key, const char *value);
void acme_metric_count(const char *key, long n);

void on_session(int uid, long visits)
{
	const char *email = acme_session_email();
	struct acme_profile p;

	/* Argument 0 is the app key, not a sink. */
	acme_ads_log(email, "session");
	acme_ads_log("k-1", "session", email); // expect: pii-to-advertising(user.contact.email)
	acme_ads_log("k-1", email); // expect: pii-to-advertising(user.contact.email)
	if (acme_load_profile(uid, &p) == 0)
		acme_metric_tag("name", p.display_name); // expect: pii-to-analytics(user.name)
	acme_metric_count("visits", visits);
}
