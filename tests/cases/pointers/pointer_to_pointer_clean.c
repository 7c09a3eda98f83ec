// **pp through an array of clean strings is clean.
// expect-none
#include <piiflow.h>

struct user {
	long id;
	char name[64] PII(user.name);
};

AD_SINK void adkit_initial(char initial);
void greet(const char *const *fields);

void on_greet(const struct user *u)
{
	const char *personal[2] = { u->name, "" };
	const char *product[2] = { "Widget", "" };
	const char *const *pp = product;

	greet(personal);
	adkit_initial(**pp);
}
