// A global hook that the program defines without an initializer and never
// sets holds a null pointer: a call through it reaches no function, not
// every function of its type. The advertising emitter has the hook's type
// and its address is taken (a table holds it), but nothing stores it in
// report_hook, so the personal data passed to the hook goes nowhere.
// expect-none
#include <piiflow.h>

struct user {
	char email[64] PII(user.contact.email);
	int visits;
};

void ads_send(const char *payload AD_SINK);

void (*report_hook)(unsigned flags, const char *what);

static void ads_report(unsigned flags, const char *what)
{
	(void)flags;
	ads_send(what);
}

struct reporter {
	const char *name;
	void (*report)(unsigned, const char *);
};

const struct reporter reporters[] = {{"ads", ads_report}};

void report_user(const struct user *u)
{
	if (report_hook)
		report_hook(1, u->email);
}

void report_page(void)
{
	reporters[0].report(0, "page");
}
