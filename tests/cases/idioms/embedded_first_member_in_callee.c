// git's objects again, seen from a helper: it is handed a commit as the
// `struct object` it begins with (a cast of the whole commit, which has
// the address of its first member) and casts it back to read the commit's
// other fields.
#include <piiflow.h>
#include <stdlib.h>
#include <string.h>

struct user {
	long id;
	const char *email PII(user.contact.email);
};

ANALYTICS_SINK void stats_event(const char *v);

struct object {
	unsigned type;
	unsigned flags;
};

struct commit {
	struct object object;
	const char *label;
	char *author;
};

static void show_object(struct object *o)
{
	if (o->type == 1) {
		struct commit *c = (struct commit *)o;
		stats_event(c->author); // expect: pii-to-analytics(user.contact.email)
	}
}

void report(const struct user *u)
{
	struct commit *c = calloc(1, sizeof(*c));
	c->object.type = 1;
	c->label = "commit";
	c->author = strdup(u->email);
	show_object((struct object *)c);
}
