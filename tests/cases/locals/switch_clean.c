// A value tainted in one case does not reach a sink in another (break).
// expect-none
#include <piiflow.h>

struct user {
	int id;
	char email[64] PII(user.contact.email);
};

enum channel { CH_EMAIL, CH_PUSH, CH_NONE };

PII_SINK(marketing) void mkt_send(const char *address, const char *campaign);
void mail_send(const char *to, const char *body);

void send_receipt(const struct user *u, enum channel ch)
{
	const char *to = "broadcast";

	switch (ch) {
	case CH_EMAIL:
		to = u->email;
		mail_send(to, "receipt");
		break;
	case CH_PUSH:
		mkt_send(to, "spring-sale");
		break;
	default:
		break;
	}
}
