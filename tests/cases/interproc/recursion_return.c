// A recursive search returns personal data found in a linked list.
#include <piiflow.h>
#include <stddef.h>

struct contact {
	long id;
	const char *phone PII(user.contact.phone_number);
	const struct contact *next;
};

PII_SINK(marketing) void mkt_sms(const char *number, const char *text);

static const char *find_phone(const struct contact *c, long id)
{
	if (c == NULL)
		return NULL;
	if (c->id == id)
		return c->phone;
	return find_phone(c->next, id);
}

void send_promo(const struct contact *list, long id)
{
	const char *number = find_phone(list, id);

	if (number != NULL)
		mkt_sms(number, "promo"); // expect: pii-to-marketing(user.contact.phone_number)
}
