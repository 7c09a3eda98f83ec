// sizeof does not read its operand: the size of a personal field is clean.
// expect-none
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

AD_SINK void adkit_metric(const char *name, long value);

void report_layout(const struct user *u)
{
	adkit_metric("email_field_size", (long)sizeof u->email);
}
