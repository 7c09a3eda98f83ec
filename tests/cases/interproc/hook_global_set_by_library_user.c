// The twin of hook_global_set_by_library_user_clean: the program itself
// calls the API that installs the hook, with a function of its own that
// writes personal data, so a call through the global reaches it.
#include <piiflow.h>
#include <stdlib.h>

typedef void (*free_cb)(void *);

free_cb my_free = (free_cb)free;

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

static void note_fill(void *p)
{
	struct note *n = p;
	n->text = current_email;
}

void setup(void)
{
	lib_set_free(note_fill);
}

void report(void)
{
	struct note *buf = malloc(sizeof *buf);
	if (!buf)
		return;
	buf->text = "plan";
	my_free(buf);
	stats_event(buf->text); // expect: pii-to-analytics(user.contact.email)
}
