// A call through a function pointer stored in a struct field (a backend
// vtable) reaches the sink in the target.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

struct backend {
	const char *name;
	void (*emit)(const char *event, const char *who);
};

void adkit_track(const char *event, const char *payload AD_SINK);

static void ads_emit(const char *event, const char *who)
{
	adkit_track(event, who); // expect: pii-to-advertising(user.contact.email)
}

static const struct backend ads_backend = { "ads", ads_emit };

void on_login(const struct user *u)
{
	const struct backend *b = &ads_backend;

	b->emit("login", u->email);
}
