// A function pointer handed to pthread_create (no body) is assumed to be
// called with that call's other arguments: the thread's argument reaches it.
#include <piiflow.h>
#include <pthread.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

struct job {
	int kind;
	const char *who;
};

ANALYTICS_SINK void stats_event(const char *name, const char *value);

static void *upload_worker(void *arg)
{
	const struct job *j = arg;

	stats_event("upload", j->who); // expect: pii-to-analytics(user.contact.email)
	return NULL;
}

int start_upload(const struct user *u, struct job *j)
{
	pthread_t t;

	j->kind = 1;
	j->who = u->email;
	return pthread_create(&t, NULL, upload_worker, j);
}
