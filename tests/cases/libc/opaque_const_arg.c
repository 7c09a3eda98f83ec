// The conservative guess for a function with no body writes only through
// non-const pointer arguments: a const pointer argument is not written.
// expect-none
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void audit_write(const char *who, const char *tag);

void adkit_track(const char *event, const char *payload AD_SINK);

void on_profile(const struct user *u)
{
	const char tag[] = "profile_view";

	audit_write(u->email, tag);
	adkit_track("view", tag);
}
