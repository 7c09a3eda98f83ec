// A project rules file declares a propagator (which replaces the
// conservative guess), an anonymizer and a consent function.
// piiflow-args: --rules {dir}/acme_policy.json
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
	char ip[46] PII(user.device.ip_address);
};

void acme_ads_log(const char *app_key, const char *event);
char *acme_escape(const char *in, const char *charset);
const char *acme_region_bucket(const char *ip);
int acme_user_opted_in(const struct user *u);

void on_visit(const struct user *u)
{
	acme_ads_log("k-1", acme_escape(u->email, "utf-8")); // expect: pii-to-advertising(user.contact.email)
	/* Only argument 0 of acme_escape reaches its result. */
	acme_ads_log("k-1", acme_escape("visit", u->email));
	acme_ads_log("k-1", acme_region_bucket(u->ip));
	if (acme_user_opted_in(u))
		acme_ads_log("k-1", u->email); // expect-accepted: pii-to-advertising by consent
}
