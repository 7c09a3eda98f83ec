// A global hook set by one function and called by another reaches what was
// stored in it; a global buffer without an initializer, filled through one
// of its array fields in one function, is read in another.
#include <string.h>
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
	ads_send(what); // expect: pii-to-advertising(user.contact.email)
}

void install(void)
{
	report_hook = ads_report;
}

void report_user(const struct user *u)
{
	if (report_hook)
		report_hook(1, u->email);
}

static struct {
	int n;
	char last[64];
} recent;

void remember(const struct user *u)
{
	strncpy(recent.last, u->email, sizeof(recent.last) - 1);
	recent.n++;
}

void flush_recent(void)
{
	ads_send(recent.last); // expect: pii-to-advertising(user.contact.email)
}
