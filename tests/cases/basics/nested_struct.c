// An annotated field of a nested struct is a source; its clean sibling is not.
#include <piiflow.h>

struct account {
	int id;
	struct {
		char email[64] PII(user.contact.email);
		char locale[8];
	} contact;
};

ANALYTICS_SINK void stats_event(const char *name, const char *value);

void on_settings_saved(const struct account *a)
{
	stats_event("locale", a->contact.locale);
	stats_event("email", a->contact.email); // expect: pii-to-analytics(user.contact.email)
}
