// Two lists that grow through the program's own realloc wrapper (git's
// string_list): each keeps its own items, so sending every item of the
// list of plans sends no e-mail address, though the other list holds one.
// expect-none
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
	struct list emails = {NULL, 0, 0, 1}, plans = {NULL, 0, 0, 1};
	struct item *it;
	list_append(&emails, "email")->util = xstrdup(p->email);
	list_append(&plans, "plan")->util = xstrdup(p->plan);
	for (it = plans.items; it && it < plans.items + plans.nr; ++it)
		ad_event(it->util);
	free(emails.items);
}
