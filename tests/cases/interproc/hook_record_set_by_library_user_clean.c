// A global record of allocator hooks that the program initializes with
// the C library's functions and that is otherwise set only whole, from
// what a parameter points to in an API function nothing in the program
// calls, or reset to the same functions (hiredis's `hiredisAllocFns`, set
// by `hiredisSetAllocators`, behind every `hi_free()`): within the
// program it holds its initializer. Before, a call through its member
// reached every function of its type that the program hands away, and
// what one of them writes came back into the freed object.
// expect-none
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

/* the library's API: its users may install their own allocators */
struct allocators lib_set_allocators(struct allocators *override)
{
	struct allocators orig = lib_allocs;
	lib_allocs = *override;
	return orig;
}

void lib_reset_allocators(void)
{
	lib_allocs = (struct allocators){
	    .alloc_fn = malloc,
	    .free_fn = free,
	};
}

char *current_email PII(user.contact.email);

struct note {
	char *text;
};

void stats_event(const char *payload ANALYTICS_SINK);

/* handed to a function without a body: called where we cannot see */
static void note_fill(void *p)
{
	struct note *n = p;
	n->text = current_email;
}

void timer_register(void (*fn)(void *), void *arg);

void setup(struct note *n)
{
	timer_register(note_fill, n);
}

void report(void)
{
	struct note *buf = lib_allocs.alloc_fn(sizeof *buf);
	if (!buf)
		return;
	buf->text = "plan";
	lib_allocs.free_fn(buf);
	stats_event(buf->text);
}
