// PII_OUT on a pointer parameter of a function without a body: the function
// fills the pointed-to buffer with personal data.
#include <piiflow.h>
#include <stddef.h>

int session_get_email(int session_id, char *out PII_OUT(user.contact.email), size_t n);

PII_SINK(marketing) void mkt_enqueue(const char *to, const char *template_id);

void send_reminder(int session_id)
{
	char to[128];

	if (session_get_email(session_id, to, sizeof to) == 0)
		mkt_enqueue(to, "cart-reminder"); // expect: pii-to-marketing(user.contact.email)
}
