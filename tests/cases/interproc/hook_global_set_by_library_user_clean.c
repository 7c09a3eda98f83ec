// A global function pointer that the program initializes with the C
// library's `free` and that only an API function nothing in the program
// calls sets otherwise (curl's `Curl_cfree`, behind every `free()` of
// curl, set by `curl_global_init_mem`): within the program it holds
// `free`. Before, a call through it reached every function of its type
// that the program hands away, and what one of them writes came back
// into the freed object.
// expect-none
#include <piiflow.h>
#include <stdlib.h>

typedef void (*free_cb)(void *);

free_cb my_free = (free_cb)free;

/* the library's API: its users may install their own allocator */
void lib_set_free(free_cb f)
{
	if (f)
		my_free = f;
	else
		my_free = (free_cb)free;
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
	struct note *buf = malloc(sizeof *buf);
	if (!buf)
		return;
	buf->text = "plan";
	my_free(buf);
	stats_event(buf->text);
}
