// An annotated parameter is a source inside the function's body.
#include <piiflow.h>
#include <stddef.h>

PII_SINK(marketing) void mkt_subscribe(const char *list, const char *address);

void newsletter_signup(const char *list, const char *address PII(user.contact.email))
{
	if (list == NULL)
		list = "weekly";
	mkt_subscribe(list, address); // expect: pii-to-marketing(user.contact.email)
}
