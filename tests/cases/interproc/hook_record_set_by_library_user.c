// The twin of hook_record_set_by_library_user_clean: the program itself
// calls the API that installs the allocators, with a record holding a
// function of its own that writes personal data, so a call through the
// global's member reaches it.
#include <piiflow.h>
#include <stdlib.h>

struct allocators {
	void *(*alloc_fn)(size_t);
	void (*free_fn)(void *);
};

struct allocators lib_allocs = {
    .alloc_fn = malloc,
    .free_fn = free,
};

struct allocators lib_set_allocators(struct allocators *override)
{
	struct allocators orig = lib_allocs;
	lib_allocs = *override;
	return orig;
}

char *current_email PII(user.contact.email);

struct note {
	char *text;
};

void stats_event(const char *payload ANALYTICS_SINK);

static void note_fill(void *p)
{
	struct note *n = p;
	n->text = current_email;
}

void setup(void)
{
	struct allocators mine = {.alloc_fn = malloc, .free_fn = note_fill};
	lib_set_allocators(&mine);
}

void report(void)
{
	struct note *buf = lib_allocs.alloc_fn(sizeof *buf);
	if (!buf)
		return;
	buf->text = "plan";
	lib_allocs.free_fn(buf);
	stats_event(buf->text); // expect: pii-to-analytics(user.contact.email)
}
