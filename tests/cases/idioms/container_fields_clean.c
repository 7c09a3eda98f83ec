// expect-none
// A dict of entries: personal data sits in one field of each entry, the
// sink sends only the other field.
#include <piiflow.h>
#include <stdlib.h>
#include <string.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

ANALYTICS_SINK void stats_count(const char *what);

struct entry {
	char *key;
	char *val;
	struct entry *next;
};

struct dict {
	struct entry **table;
	unsigned long size;
};

static unsigned long hash(const char *k)
{
	unsigned long h = 5381;
	while (*k)
		h = h * 33 + (unsigned char)*k++;
	return h;
}

void dict_add(struct dict *d, char *key, char *val)
{
	struct entry *e = malloc(sizeof(*e));
	unsigned long i = hash(key) % d->size;
	e->key = key;
	e->val = val;
	e->next = d->table[i];
	d->table[i] = e;
}

void dict_report(struct dict *d)
{
	for (unsigned long i = 0; i < d->size; i++)
		for (struct entry *e = d->table[i]; e; e = e->next)
			stats_count(e->key);
}

void remember(struct dict *d, struct user *u)
{
	dict_add(d, "email", u->email);
	dict_report(d);
}
