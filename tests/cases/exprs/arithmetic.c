// Arithmetic on personal data is personal data (a birth year turned into an
// age).
#include <piiflow.h>

struct user {
	long id;
	int birth_year PII(user.demographic.date_of_birth);
};

AD_SINK void adkit_metric(const char *name, long value);

void on_profile(const struct user *u, int this_year)
{
	int age = this_year - u->birth_year;
	int decade = age / 10 * 10;

	adkit_metric("age_decade", decade); // expect: pii-to-advertising(user.demographic.date_of_birth)
}
