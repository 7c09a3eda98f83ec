// Taint is kept per nested field path (env.body.to).
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

struct envelope {
	struct { const char *subject; int priority; } hdr;
	struct { const char *to; const char *text; } body;
};

PII_SINK(marketing) void mkt_deliver(const char *to, const char *subject);

void queue_offer(const struct user *u)
{
	struct envelope env;

	env.hdr.subject = "20% off";
	env.hdr.priority = 1;
	env.body.to = u->email;
	env.body.text = "Hello";
	mkt_deliver(env.body.to, env.hdr.subject); // expect: pii-to-marketing(user.contact.email)
}
