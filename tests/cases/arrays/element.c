// An array element assigned personal data is personal data when read back.
#include <piiflow.h>

struct user {
	long id;
	char phone[24] PII(user.contact.phone_number);
};

PII_SINK(marketing) void mkt_sms_row(const char *col0, const char *col1, const char *col2);

void export_row(const struct user *u)
{
	const char *cols[3];

	cols[0] = "customer";
	cols[1] = "active";
	cols[2] = u->phone;
	mkt_sms_row("row", "v1", cols[2]); // expect: pii-to-marketing(user.contact.phone_number)
}
