// Like callback_cast.c, but the callback registered through the cast sends
// a field that holds no personal data; the user's e-mail address stays in
// the context object.
// expect-none
#include <piiflow.h>

struct user {
	char *email PII(user.contact.email);
	char *plan;
};

AD_SINK void ad_event(const char *payload);

typedef void (*task_fn)(void *arg);

struct task {
	task_fn fn;
	void *arg;
};

static struct task queue[8];
static int queued;

void task_add(task_fn fn, void *arg)
{
	queue[queued].fn = fn;
	queue[queued].arg = arg;
	queued++;
}

void task_run_all(void)
{
	for (int i = 0; i < queued; i++)
		queue[i].fn(queue[i].arg);
}

static void send_plan(struct user *u)
{
	ad_event(u->plan);
}

void on_login(struct user *u)
{
	task_add((task_fn)send_plan, u);
}
