// expect-none
// The same event loop: the callback gets a context that holds only a
// counter, while personal data lives in another event's context that is
// never sent.
#include <piiflow.h>
#include <stdlib.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

struct counter {
	long hits;
	char label[16];
};

ANALYTICS_SINK void stats_send(const char *what);

typedef int timer_proc(void *client_data);

struct time_event {
	long long id;
	timer_proc *proc;
	void *client_data;
	struct time_event *next;
};

struct event_loop {
	struct time_event *head;
	long long next_id;
};

long long loop_create_timer(struct event_loop *el, timer_proc *proc, void *client_data)
{
	struct time_event *te = malloc(sizeof(*te));
	if (!te)
		return -1;
	te->id = el->next_id++;
	te->proc = proc;
	te->client_data = client_data;
	te->next = el->head;
	el->head = te;
	return te->id;
}

void loop_process_timers(struct event_loop *el)
{
	for (struct time_event *te = el->head; te; te = te->next)
		te->proc(te->client_data);
}

static int report_hits(void *client_data)
{
	struct counter *c = client_data;
	stats_send(c->label);
	return 0;
}

static int keep_user(void *client_data)
{
	struct user *u = client_data;
	return u->email[0] != 0;
}

void schedule(struct event_loop *el, struct counter *c, struct user *u)
{
	loop_create_timer(el, report_hits, c);
	loop_create_timer(el, keep_user, u);
}
