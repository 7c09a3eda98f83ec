// A callback registered through a cast to a generic function type (as event
// libraries take `void (*)(void *)`): the call through the generic pointer
// reaches it, and the user passed as the context reaches its sink.
#include <piiflow.h>

struct user {
	char *email PII(user.contact.email);
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

static void send_user(struct user *u)
{
	ad_event(u->email); // expect: pii-to-advertising(user.contact.email)
}

void on_login(struct user *u)
{
	task_add((task_fn)send_user, u);
}
