// A thread's start routine goes through the program's own wrappers to
// `pthread_create` (jemalloc's `background_thread_entry`: handed to
// `background_thread_create_signals_masked`, then to
// `pthread_create_wrapper`, which calls `pthread_create` through a
// pointer that `dlsym(RTLD_NEXT, "pthread_create")` set): only the C
// library calls it, so a call through a pointer of the program whose
// target the analysis does not know cannot reach it. Before, the start
// routine reached every call through a `void *(*)(void *)` of the
// program (redis's `list->dup`), and what it writes came back.
// expect-none
#define _GNU_SOURCE
#include <dlfcn.h>
#include <piiflow.h>
#include <pthread.h>
#include <stdlib.h>

char *current_email PII(user.contact.email);

void stats_event(const char *payload ANALYTICS_SINK);

struct note {
	char *text;
};

static void *note_worker(void *p)
{
	struct note *n = p;
	n->text = current_email;
	return p;
}

static int (*create_fptr)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);

static void wrapper_init(void)
{
	create_fptr = dlsym(RTLD_NEXT, "pthread_create");
	if (create_fptr == NULL)
		create_fptr = pthread_create;
}

static int create_wrapper(pthread_t *t, void *(*start)(void *), void *arg)
{
	return create_fptr(t, NULL, start, arg);
}

static int create_masked(pthread_t *t, void *(*start)(void *), void *arg)
{
	return create_wrapper(t, start, arg);
}

void notes_start(struct note *n)
{
	pthread_t t;
	wrapper_init();
	create_masked(&t, note_worker, n);
}

struct holder {
	void *(*dup)(void *);
};

static void *plain_dup(void *p)
{
	return p;
}

void holder_init(struct holder *h)
{
	h->dup = plain_dup;
}

void report(struct holder *h)
{
	struct note *buf = malloc(sizeof *buf);
	if (!buf)
		return;
	buf->text = "plan";
	h->dup(buf);
	stats_event(buf->text);
}
