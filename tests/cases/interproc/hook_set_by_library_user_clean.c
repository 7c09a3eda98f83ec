// A library's hook that only the library's users set: the program never
// hands a function of the hook's type to its setter, so a call through the
// hook reaches none of the program's functions. Before, it reached every
// function with as many parameters that was handed to any call, also to
// one the analysis follows (curl's share lock reached callbacks that curl
// registers with its own hash tables and lists).
// expect-none
#include <piiflow.h>
#include <stdarg.h>

struct user {
	char *email PII(user.contact.email);
};

void ads_send(const char *payload AD_SINK);

typedef void (*lock_fn)(void *ctx, int access);

struct share {
	lock_fn lock;
	void *ctx;
};

int share_setopt(struct share *s, int option, ...)
{
	va_list ap;
	va_start(ap, option);
	if (option == 1)
		s->lock = va_arg(ap, lock_fn);
	else
		s->ctx = va_arg(ap, void *);
	va_end(ap);
	return 0;
}

void share_lock(struct share *s, struct user *u)
{
	if (s->lock)
		s->lock(u->email, 1);
}

/* handed to the program's own registration, which the analysis follows:
 * only its own dispatch calls it, with no personal data */
static void send_event(const char *payload, int n)
{
	(void)n;
	ads_send(payload);
}

static void (*handlers[4])(const char *, int);
static int nhandlers;

void on_event(void (*cb)(const char *, int))
{
	if (nhandlers < 4)
		handlers[nhandlers++] = cb;
}

void dispatch(void)
{
	for (int i = 0; i < nhandlers; i++)
		handlers[i]("started", i);
}

void setup(void)
{
	on_event(send_event);
}
