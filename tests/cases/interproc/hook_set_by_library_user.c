// A library's hook that the program sets through the library's variadic
// setter: a call through the hook reaches the function set, and the
// personal data passed to it reaches its sink.
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

static void audit_lock(void *ctx, int access)
{
	(void)access;
	ads_send(ctx); // expect: pii-to-advertising(user.contact.email)
}

void setup(struct share *s, struct user *u)
{
	share_setopt(s, 1, audit_lock);
	share_lock(s, u);
}
