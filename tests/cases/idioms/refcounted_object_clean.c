// expect-none
// Two wrappers of the same type: the one holding personal data is kept, the
// one holding a command name is sent.
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

void keep(robj *o);

void publish(const struct user *u)
{
	robj *who = create_string_object(u->email, strlen(u->email));
	robj *cmd = create_string_object("SET", 3);
	stats_send((const char *)cmd->ptr);
	keep(who);
}
