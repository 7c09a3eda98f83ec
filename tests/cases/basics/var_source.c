// Annotated global and local variables are sources.
#include <piiflow.h>
#include <stdio.h>

static char g_account_email[128] PII(user.contact.email);

ANALYTICS_SINK void stats_event(const char *name, const char *value);

void report_contact(FILE *in)
{
	char phone[32] PII(user.contact.phone_number);

	if (fgets(phone, sizeof phone, in) == NULL)
		return;
	stats_event("account", g_account_email); // expect: pii-to-analytics(user.contact.email)
	stats_event("phone", phone); // expect: pii-to-analytics(user.contact.phone_number)
}
