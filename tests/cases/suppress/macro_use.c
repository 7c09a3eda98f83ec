// A sink call inside a macro is reported where the macro is used, so the
// suppression goes on that line or the one above, not in the macro.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);

/* piiflow-allow(pii-to-advertising): not here, in the macro */ // expect: unused-suppression
#define TRACK(u) adkit_track("event", (u)->email)

void on_login(const struct user *u)
{
	TRACK(u); /* piiflow-allow(pii-to-advertising): legacy campaign */ // expect-accepted: pii-to-advertising by suppression

	TRACK(u); // expect: pii-to-advertising
}
