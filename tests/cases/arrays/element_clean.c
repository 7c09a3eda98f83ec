// Two arrays are kept apart: personal data in one does not taint the other.
// expect-none
#include <piiflow.h>

struct user {
	long id;
	char phone[24] PII(user.contact.phone_number);
};

PII_SINK(marketing) void mkt_sms_row(const char *col0, const char *col1, const char *col2);
void crm_row(const char *const *cols, int n);

void export_rows(const struct user *u)
{
	const char *personal[2] = { "phone", "" };
	const char *summary[2] = { "active", "web" };

	personal[1] = u->phone;
	crm_row(personal, 2);
	mkt_sms_row("row", summary[0], summary[1]);
}
