// After if (!consent(...)) goto out; the code up to the label has consent.
#include <piiflow.h>
#include <stdlib.h>
#include <string.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

PII_CONSENT(advertising) int ad_consent(const struct user *u);
void adkit_track(const char *event, const char *payload AD_SINK);

int sync_audience(const struct user *u)
{
	int rc = -1;
	char *copy = malloc(64);

	if (copy == NULL)
		return -1;
	if (!ad_consent(u))
		goto out;
	memcpy(copy, u->email, 64);
	adkit_track("audience", copy); // expect-accepted: pii-to-advertising by consent
	rc = 0;
out:
	free(copy);
	return rc;
}
