// The twin of callback_kept_by_wrapper_clean: the wrapper also keeps the
// start routine where the program's own pointers reach it (a record of
// the threads it started), so the call through the holder's pointer may
// reach it.
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

static void *(*last_started)(void *);

static int create_wrapper(pthread_t *t, void *(*start)(void *), void *arg)
{
	last_started = start;
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

void holder_init(struct holder *h, int again)
{
	h->dup = again && last_started ? last_started : plain_dup;
}

void report(struct holder *h)
{
	struct note *buf = malloc(sizeof *buf);
	if (!buf)
		return;
	buf->text = "plan";
	h->dup(buf);
	stats_event(buf->text); // expect: pii-to-analytics(user.contact.email)
}
