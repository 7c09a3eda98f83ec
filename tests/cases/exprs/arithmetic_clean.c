// Arithmetic on clean values stays clean next to personal data.
// expect-none
#include <piiflow.h>

struct user {
	long id;
	int birth_year PII(user.demographic.date_of_birth);
	int sessions;
};

AD_SINK void adkit_metric(const char *name, long value);
void crm_age(int age);

void on_profile(const struct user *u, int this_year)
{
	int age = this_year - u->birth_year;
	int per_week = u->sessions / 7 + 1;

	crm_age(age);
	adkit_metric("sessions_per_week", per_week);
}
