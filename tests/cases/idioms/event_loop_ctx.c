// An event loop in the style of redis's ae.c: a timer callback and its
// `void *` context are stored in a heap event and called later by the loop;
// the context carries personal data into the callback's sink.
#include <piiflow.h>
#include <stdlib.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
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

static int report_user(void *client_data)
{
	struct user *u = client_data;
	stats_send(u->email); // expect: pii-to-analytics(user.contact.email)
	return 0;
}

void schedule_report(struct event_loop *el, struct user *u)
{
	loop_create_timer(el, report_user, u);
}
