// An object system of git's kind: every commit embeds a `struct object` as
// its first member, a table keeps pointers to that member, and a lookup
// gives it back, which a cast turns into the commit again. The commit's
// other fields are read through the cast pointer.
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

struct repo {
	struct object *objs[8];
	int n;
};

static void add_object(struct repo *r, struct object *o)
{
	r->objs[r->n++] = o;
}

static struct object *lookup_object(struct repo *r, int i)
{
	return r->objs[i];
}

void report(const struct user *u)
{
	struct repo r = {0};
	struct commit *c = calloc(1, sizeof(*c));
	c->object.type = 1;
	c->label = "commit";
	c->author = strdup(u->email);
	add_object(&r, &c->object);
	struct object *o = lookup_object(&r, 0);
	if (o->type == 1) {
		struct commit *back = (struct commit *)o;
		stats_event(back->author); // expect: pii-to-analytics(user.contact.email)
	}
}
