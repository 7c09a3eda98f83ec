// A reference-counted wrapper in the style of redis's robj: the value lives
// behind `void *ptr`; a wrapper of personal data reaches the sink through it.
#include <piiflow.h>
#include <stdlib.h>
#include <string.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

ANALYTICS_SINK void stats_send(const char *what);

typedef struct robj {
	unsigned type : 4;
	int refcount;
	void *ptr;
} robj;

robj *create_object(int type, void *ptr)
{
	robj *o = malloc(sizeof(*o));
	o->type = type;
	o->refcount = 1;
	o->ptr = ptr;
	return o;
}

robj *create_string_object(const char *s, size_t len)
{
	char *copy = malloc(len + 1);
	memcpy(copy, s, len);
	copy[len] = '\0';
	return create_object(0, copy);
}

void incr_ref(robj *o)
{
	o->refcount++;
}

void publish(robj *o)
{
	stats_send((const char *)o->ptr); // expect: pii-to-analytics(user.contact.email)
}

void publish_user(const struct user *u)
{
	robj *o = create_string_object(u->email, strlen(u->email));
	incr_ref(o);
	publish(o);
}
