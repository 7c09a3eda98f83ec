// A call through a pointer of a type that no function has reaches only the
// functions converted to another type or handed to a call, not every
// function with as many parameters: the advertising sink, whose address a
// tracker table holds with its own type, is not a target of visit(u).
// expect-none
#include <piiflow.h>

struct user {
	char email[64] PII(user.contact.email);
	int visits;
};

void ads_send(const char *payload AD_SINK);

struct tracker {
	const char *name;
	void (*send)(const char *);
};

static const struct tracker ads = {"ads", ads_send};

typedef void (*visit_fn)(struct user *);

void walk(struct user *u, visit_fn visit)
{
	visit(u);
}

void track_page(void)
{
	ads.send("page");
}
