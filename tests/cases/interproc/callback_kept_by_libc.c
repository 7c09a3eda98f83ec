// The twin of callback_kept_by_libc_clean: the program also keeps the
// destructor where its own pointers can reach it (it hands it to a
// function of its own), so the call through the holder's pointer may
// reach it.
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

void holder_init(struct holder *h, int notes)
{
	holder_set(h, notes ? note_cleanup : plain_free);
}

void report(struct holder *h)
{
	struct note *buf = malloc(sizeof *buf);
	if (!buf)
		return;
	buf->text = "plan";
	h->dtor(buf);
	stats_event(buf->text); // expect: pii-to-analytics(user.contact.email)
}
