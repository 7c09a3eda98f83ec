// Consent tested by a switch on its result: a case with a nonzero label
// consents, `case 0` and `default` do not.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

enum answer { ANSWER_NO, ANSWER_YES };

PII_CONSENT(advertising) int ad_consent(const struct user *u);
void adkit_track(const char *event, const char *payload AD_SINK);

void by_switch(const struct user *u)
{
	switch (ad_consent(u)) {
	case 1:
		adkit_track("yes", u->email); // expect-accepted: pii-to-advertising by consent
		break;
	case 0:
		adkit_track("no", u->email); // expect: pii-to-advertising(user.contact.email)
		break;
	default:
		adkit_track("other", u->email); // expect: pii-to-advertising(user.contact.email)
		break;
	}
}

void by_enum(const struct user *u)
{
	switch (ad_consent(u)) {
	case ANSWER_YES:
		adkit_track("yes", u->email); // expect-accepted: pii-to-advertising by consent
		break;
	case ANSWER_NO:
	default:
		adkit_track("no", u->email); // expect: pii-to-advertising(user.contact.email)
		break;
	}
}
