// expect-none
// An intrusive hash map (git's hashmap): each entry embeds the map's link
// as a member, the map keeps pointers to that member, and a lookup gives
// the member back, which container_of() turns into the entry by
// subtracting the member's offset (in a helper, as git does). The entry's
// other fields are read through that pointer: the key, a constant, holds no
// personal data, though the value beside it does.
#include <piiflow.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct user {
	long id;
	const char *email PII(user.contact.email);
};

ANALYTICS_SINK void stats_event(const char *v);

struct map_entry {
	struct map_entry *next;
	unsigned hash;
};

struct map {
	struct map_entry *table[16];
};

struct profile_entry {
	struct map_entry ent;
	const char *key;
	char *value;
};

static void *container_of_or_null_offset(void *ptr, size_t offset)
{
	return ptr ? (char *)ptr - offset : NULL;
}

#define container_of_or_null(ptr, type, member)                                 \
	((type *)container_of_or_null_offset(ptr, offsetof(type, member)))

static void map_add(struct map *m, struct map_entry *e)
{
	e->next = m->table[e->hash % 16];
	m->table[e->hash % 16] = e;
}

static struct map_entry *map_get(struct map *m, unsigned hash)
{
	struct map_entry *e = m->table[hash % 16];
	while (e && e->hash != hash)
		e = e->next;
	return e;
}

void report(const struct user *u)
{
	struct map m;
	memset(&m, 0, sizeof(m));
	struct profile_entry *e = malloc(sizeof(*e));
	e->ent.hash = 7;
	e->key = "email";
	e->value = strdup(u->email);
	map_add(&m, &e->ent);
	struct profile_entry *found =
	    container_of_or_null(map_get(&m, 7), struct profile_entry, ent);
	if (found)
		stats_event(found->key);
}
