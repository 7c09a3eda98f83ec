// Consent tested by comparing its result: `== 1`, `> 0`, `== true`,
// `!= 0` on the yes branch, and their negations with an early return.
#include <piiflow.h>
#include <stdbool.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

PII_CONSENT(advertising) int ad_consent(const struct user *u);
PII_CONSENT(advertising) bool ad_ok(const struct user *u);
void adkit_track(const char *event, const char *payload AD_SINK);

void equals_one(const struct user *u)
{
	if (ad_consent(u) == 1)
		adkit_track("a", u->email); // expect-accepted: pii-to-advertising by consent
	else
		adkit_track("b", u->email); // expect: pii-to-advertising(user.contact.email)
}

void greater_than_zero(const struct user *u)
{
	if (0 < ad_consent(u))
		adkit_track("c", u->email); // expect-accepted: pii-to-advertising by consent
	if (ad_consent(u) > 0)
		adkit_track("d", u->email); // expect-accepted: pii-to-advertising by consent
}

void equals_true(const struct user *u)
{
	if (ad_ok(u) == true)
		adkit_track("e", u->email); // expect-accepted: pii-to-advertising by consent
}

void early_return(const struct user *u)
{
	if (ad_consent(u) != 1)
		return;
	adkit_track("f", u->email); // expect-accepted: pii-to-advertising by consent
}

void less_than_one(const struct user *u)
{
	if (ad_consent(u) < 1)
		adkit_track("g", u->email); // expect: pii-to-advertising(user.contact.email)
	else
		adkit_track("h", u->email); // expect-accepted: pii-to-advertising by consent
}

void not_a_truth_test(const struct user *u)
{
	if (ad_consent(u) == 2 || ad_consent(u) != 1)
		adkit_track("i", u->email); // expect: pii-to-advertising(user.contact.email)
}
