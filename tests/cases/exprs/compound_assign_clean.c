// x += clean keeps x clean.
// expect-none
#include <piiflow.h>

struct user {
	long id;
	int age PII(user.demographic.age_range);
	int visits;
};

AD_SINK void adkit_metric(const char *name, long value);

void segment(const struct user *u, int clicks)
{
	long score = clicks * 3;

	score += u->visits;
	score *= 2;
	adkit_metric("segment_score", score);
}
