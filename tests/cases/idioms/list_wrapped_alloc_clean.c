// The same list machinery as list_wrapped_alloc.c, with one iterator reused
// for a second list: after list_rewind(tags, &it) (which overwrites it.next
// on every path) the loop reads only the tags, never the names.
// expect-none
#include <piiflow.h>
#include <stdlib.h>

struct user {
	char *name PII(user.account.username);
};

AD_SINK void ad_event(const char *payload);

typedef struct node {
	struct node *next;
	void *value;
} node;
typedef struct list {
	node *head, *tail;
} list;
typedef struct iter {
	node *next;
} iter;

void *zmalloc(size_t size)
{
	void *p = malloc(size);
	if (!p)
		abort();
	return p;
}

list *list_create(void)
{
	list *l = zmalloc(sizeof(*l));
	l->head = l->tail = NULL;
	return l;
}

void list_append(list *l, void *value)
{
	node *n = zmalloc(sizeof(*n));
	n->value = value;
	n->next = NULL;
	if (l->tail)
		l->tail->next = n;
	else
		l->head = n;
	l->tail = n;
}

void list_rewind(list *l, iter *it)
{
	it->next = l->head;
}

node *list_next(iter *it)
{
	node *cur = it->next;
	if (cur)
		it->next = cur->next;
	return cur;
}

void report_tags(const struct user *u)
{
	list *names = list_create();
	list *tags = list_create();
	list_append(names, u->name);
	list_append(tags, "beta");
	iter it;
	node *n;
	list_rewind(names, &it);
	int count = 0;
	while ((n = list_next(&it)) != NULL)
		count++;
	if (count > 1)
		ad_event("several");
	list_rewind(tags, &it);
	while ((n = list_next(&it)) != NULL)
		ad_event(n->value);
}
