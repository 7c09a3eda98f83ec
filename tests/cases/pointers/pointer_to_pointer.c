// **pp reads the character data two levels down.
#include <piiflow.h>

struct user {
	long id;
	char name[64] PII(user.name);
};

AD_SINK void adkit_initial(char initial);

void on_greet(const struct user *u)
{
	const char *fields[2] = { u->name, "" };
	const char *const *pp = fields;
	char initial = **pp;

	adkit_initial(initial); // expect: pii-to-advertising(user.name)
}
