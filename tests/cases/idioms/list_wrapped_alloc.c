// A linked list whose nodes come from the program's own allocator wrapper
// (zmalloc calling malloc, as redis does): the value stored in a node is
// read back through an iterator.
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

void report(const struct user *u)
{
	list *names = list_create();
	list_append(names, u->name);
	iter it;
	node *n;
	list_rewind(names, &it);
	while ((n = list_next(&it)) != NULL)
		ad_event(n->value); // expect: pii-to-advertising(user.account.username)
}
