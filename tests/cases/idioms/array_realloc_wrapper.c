// An array that grows through the program's own realloc wrapper (git's
// string_list: ALLOC_GROW calls xrealloc, which has a body), and an
// append that returns a pointer into it: the item the caller fills
// through the returned pointer is the item it later reads through the
// list. The wrapper returns its argument's object or a new one; the new
// one was lost, so a list that started empty held nothing. The item's
// other field keeps the literal it was given.
#include <piiflow.h>
#include <stdlib.h>
#include <string.h>

struct profile { char *email PII(user.contact.email); char *plan; };
void ad_event(const char *payload AD_SINK);

struct item { char *string; void *util; };
struct list { struct item *items; size_t nr, alloc; int dup; };

void *xrealloc(void *ptr, size_t size)
{
	void *ret = realloc(ptr, size);
	if (!ret && !size)
		ret = realloc(ptr, 1);
	if (!ret)
		abort();
	return ret;
}

char *xstrdup(const char *s)
{
	char *r = strdup(s);
	if (!r)
		abort();
	return r;
}

struct item *list_append_nodup(struct list *l, char *string)
{
	struct item *ret;
	if (l->nr + 1 > l->alloc) {
		l->alloc = (l->alloc + 16) * 3 / 2;
		l->items = xrealloc(l->items, l->alloc * sizeof(*l->items));
	}
	ret = &l->items[l->nr++];
	ret->string = string;
	ret->util = NULL;
	return ret;
}

struct item *list_append(struct list *l, const char *string)
{
	return list_append_nodup(l, l->dup ? xstrdup(string) : (char *)string);
}

void report(const struct profile *p)
{
	struct list fields = {NULL, 0, 0, 1};
	struct item *it;
	list_append(&fields, "email")->util = xstrdup(p->email);
	list_append(&fields, "plan")->util = NULL;
	for (it = fields.items; it && it < fields.items + fields.nr; ++it) {
		if (it->util)
			ad_event(it->util); // expect: pii-to-advertising(user.contact.email)
		ad_event(it->string); /* the names: literals */
	}
}
