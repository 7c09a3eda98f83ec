// A recursive count over a list of personal records returns a clean number.
// expect-none
#include <piiflow.h>
#include <stddef.h>

struct contact {
	long id;
	const char *phone PII(user.contact.phone_number);
	const struct contact *next;
};

ANALYTICS_SINK void stats_count(const char *name, long n);

static long count_contacts(const struct contact *c)
{
	if (c == NULL)
		return 0;
	return 1 + count_contacts(c->next);
}

void report_size(const struct contact *list)
{
	stats_count("contacts", count_contacts(list));
}
