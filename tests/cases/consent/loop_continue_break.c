// Inside a loop, if (!consent) continue; and if (!consent) break; guard the
// rest of the body.
#include <piiflow.h>
#include <stddef.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

PII_CONSENT(advertising) int ad_consent(const struct user *u);
void adkit_track(const char *event, const char *payload AD_SINK);

void upload_batch(const struct user *users, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!ad_consent(&users[i]))
			continue;
		adkit_track("batch", users[i].email); // expect-accepted: pii-to-advertising by consent
	}
}

void upload_until_refusal(const struct user *users, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!ad_consent(&users[i]))
			break;
		adkit_track("ordered", users[i].email); // expect-accepted: pii-to-advertising by consent
	}
}
