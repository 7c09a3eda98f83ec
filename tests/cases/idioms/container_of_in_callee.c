// An intrusive list (the kernel's and git's list.h): each item embeds its
// link as a member that is not the first, and a helper handed the list's
// head walks the links and turns each back into its item with
// list_entry() (container_of: the member's offset subtracted). The item's
// other fields are read in the helper, in terms of its parameter.
#include <piiflow.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct user {
	long id;
	const char *email PII(user.contact.email);
};

ANALYTICS_SINK void stats_event(const char *v);

struct list_head {
	struct list_head *next, *prev;
};

struct item {
	const char *tag;
	char *value;
	struct list_head list;
};

#define list_entry(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))

static void list_add_tail(struct list_head *n, struct list_head *head)
{
	n->next = head;
	n->prev = head->prev;
	head->prev->next = n;
	head->prev = n;
}

static void report_all(struct list_head *head)
{
	for (struct list_head *pos = head->next; pos != head; pos = pos->next) {
		struct item *it = list_entry(pos, struct item, list);
		stats_event(it->value); // expect: pii-to-analytics(user.contact.email)
	}
}

void report(const struct user *u)
{
	struct list_head head = {&head, &head};
	struct item *it = malloc(sizeof(*it));
	it->tag = "email";
	it->value = strdup(u->email);
	list_add_tail(&it->list, &head);
	report_all(&head);
}
