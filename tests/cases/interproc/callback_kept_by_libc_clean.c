// A thread key's destructor is handed only to `pthread_key_create`, which
// calls it itself and never hands it back (jemalloc's `tsd_cleanup`): a
// call through a pointer of the program whose target the analysis does
// not know cannot reach it. Before, it reached every function of its
// type whose address was taken, the destructor too, and what that writes
// came back into the object freed.
// expect-none
#include <piiflow.h>
#include <pthread.h>
#include <stdlib.h>

char *current_email PII(user.contact.email);

struct note {
	char *text;
};

void stats_event(const char *payload ANALYTICS_SINK);

static pthread_key_t note_key;

static void note_cleanup(void *p)
{
	struct note *n = p;
	n->text = current_email;
}

void notes_init(void)
{
	pthread_key_create(&note_key, note_cleanup);
}

struct holder {
	void (*dtor)(void *);
};

static void plain_free(void *p)
{
	free(p);
}

void holder_set(struct holder *h, void (*dtor)(void *))
{
	h->dtor = dtor;
}

void holder_init(struct holder *h)
{
	holder_set(h, plain_free);
}

void report(struct holder *h)
{
	struct note *buf = malloc(sizeof *buf);
	if (!buf)
		return;
	buf->text = "plan";
	h->dtor(buf);
	stats_event(buf->text);
}
