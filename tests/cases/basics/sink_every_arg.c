// A sink annotation on the function makes every argument a sink, whichever
// side of the declarator the annotation is written on.
#include <piiflow.h>

struct user {
	int id;
	char email[64] PII(user.contact.email);
	char ip[46] PII(user.device.ip_address);
};

AD_SINK void adnet_report(const char *slot, const char *user_ref, long ts);
void adnet_click(const char *ref, int x, int y) AD_SINK;

void on_impression(const struct user *u, long now)
{
	adnet_report(u->email, "banner", now); // expect: pii-to-advertising(user.contact.email)
	adnet_report("banner", u->ip, now); // expect: pii-to-advertising(user.device.ip_address)
	adnet_click(u->ip, 10, 20); // expect: pii-to-advertising(user.device.ip_address)
	adnet_report("banner", "anonymous", u->id);
}
