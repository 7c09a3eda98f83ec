// A sink call in nested, multi-line macros is reported where the outermost
// macro is used.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

void adkit_track(const char *event, const char *payload AD_SINK);
void audit_log(const char *line);

#define TRACK_USER(ev, u) adkit_track((ev), (u)->email)
#define LOG_AND_TRACK(ev, u)                                                   \
	do {                                                                   \
		audit_log(ev);                                                 \
		TRACK_USER(ev, u);                                             \
	} while (0)

void on_login(const struct user *u)
{
	LOG_AND_TRACK("login", u); // expect: pii-to-advertising(user.contact.email)
}
