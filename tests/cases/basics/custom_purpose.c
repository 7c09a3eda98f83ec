// A purpose of the project's own gives the rule pii-to-<purpose>.
#include <piiflow.h>

struct user {
	int id;
	char email[64] PII(user.contact.email);
};

PII_SINK(profiling) void risk_model_feed(const char *key, double score);
PII_SINK(marketing) void mkt_enqueue(const char *to, const char *template_id);

void score_user(const struct user *u, double score)
{
	risk_model_feed(u->email, score); // expect: pii-to-profiling(user.contact.email)
	mkt_enqueue(u->email, "winback-1"); // expect: pii-to-marketing(user.contact.email)
}
