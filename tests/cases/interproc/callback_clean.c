// A callback registered with a clean context sends nothing personal: the
// user's email stays in the caller, only its id and a label reach the thread.
// expect-none
#include <piiflow.h>
#include <pthread.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

struct job {
	int kind;
	const char *label;
};

ANALYTICS_SINK void stats_event(const char *name, const char *value);

static void *upload_worker(void *arg)
{
	const struct job *j = arg;

	stats_event("upload", j->label);
	return NULL;
}

int start_upload(struct job *j, const struct user *u)
{
	pthread_t t;

	j->kind = (int)u->id;
	j->label = "nightly";
	return pthread_create(&t, NULL, upload_worker, j);
}
