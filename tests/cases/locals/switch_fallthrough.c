// A switch case falls through into the case holding the sink.
#include <piiflow.h>

struct user {
	int id;
	char email[64] PII(user.contact.email);
};

enum channel { CH_EMAIL, CH_PUSH, CH_NONE };

PII_SINK(marketing) void mkt_send(const char *address, const char *campaign);

void send_campaign(const struct user *u, enum channel ch)
{
	const char *to = "broadcast";

	switch (ch) {
	case CH_EMAIL:
		to = u->email;
		/* fall through */
	case CH_PUSH:
		mkt_send(to, "spring-sale"); // expect: pii-to-marketing(user.contact.email)
		break;
	case CH_NONE:
		break;
	}
}
