#include "user.h"

PII_SINK(marketing) void mkt_send(const char *recipient, const char *campaign);

void run_campaign(const struct user *u)
{
	char with_email[128];
	char plan_only[128];

	format_recipient(with_email, sizeof with_email, user_email(u), user_plan(u));
	mkt_send(with_email, "upgrade"); // expect: pii-to-marketing(user.contact.email)
	format_recipient(plan_only, sizeof plan_only, "customer", user_plan(u));
	mkt_send(plan_only, "upgrade");
}
