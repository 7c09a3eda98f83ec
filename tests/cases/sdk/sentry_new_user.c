// sentry_value_new_user(id, username, email, ip_address) builds a user from
// all four; on a scope the user is argument 1. Each category is reported.
#include <piiflow.h>
#include "sentry.h"

struct session {
	char user_id[16];
	char email[64] PII(user.contact.email);
	char ip[46] PII(user.device.ip_address);
};

void tag_scope(sentry_scope_t *scope, const struct session *s)
{
	sentry_value_t user = sentry_value_new_user(s->user_id, NULL, s->email, s->ip);
	sentry_scope_set_user(scope, user); // expect: pii-to-analytics(user.contact.email), pii-to-analytics(user.device.ip_address)
}
