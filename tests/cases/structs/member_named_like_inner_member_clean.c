// expect-none
// A record held inside another under the name of one of its own members
// (redis's copy of Lua: an UpVal keeps a TValue as u.value, and a TValue
// has a member value of its own), and a pointer to it kept beside it. A
// pointer of the inner record's type to that member is no container_of():
// reading its tag reads the inner record's, a constant, not the tag
// beside it in the holder, which is personal data.
#include <piiflow.h>
#include <stdlib.h>
#include <string.h>

struct user {
	long id;
	const char *email PII(user.contact.email);
};

ANALYTICS_SINK void stats_event(const char *v);

struct value {
	long n;
};

struct tvalue {
	struct value value;
	const char *tag;
};

struct upval {
	struct tvalue *v;
	struct {
		struct tvalue value;
		const char *tag;
	} u;
};

void report(const struct user *u)
{
	struct upval *uv = malloc(sizeof(*uv));
	uv->u.tag = strdup(u->email);
	uv->u.value.tag = "closed";
	uv->v = &uv->u.value;
	stats_event(uv->v->tag);
}
