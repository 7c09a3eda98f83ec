// x += pii taints x.
#include <piiflow.h>

struct user {
	long id;
	int age PII(user.demographic.age_range);
};

AD_SINK void adkit_metric(const char *name, long value);

void segment(const struct user *u, int clicks)
{
	long score = clicks * 3;

	score += u->age;
	adkit_metric("segment_score", score); // expect: pii-to-advertising(user.demographic.age_range)
}
