// A function with no body calls back only what it is handed as a function
// pointer: a string argument that may also point to a function (a slot
// that holds one or the other) is not called, so the advertising emitter
// stored in the slot never receives the email passed beside it.
// expect-none
#include <piiflow.h>

struct user {
	char email[64] PII(user.contact.email);
	int visits;
};

void ads_send(const char *payload AD_SINK);
void log_pair(const char *label, const char *value);

static void ads_emit(const char *s) { ads_send(s); }

struct slot {
	int is_handler;
	void *p;
};

void log_user(const struct user *u, int handler)
{
	struct slot s;
	s.is_handler = handler;
	if (handler)
		s.p = (void *)ads_emit;
	else
		s.p = "user";
	if (!s.is_handler)
		log_pair((const char *)s.p, u->email);
}
