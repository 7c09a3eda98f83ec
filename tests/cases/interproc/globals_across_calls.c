// Flows between globals and sinks are solved over the whole program, not
// applied again at every call: each of these goes through a global that a
// caller writes and a callee reads, or the other way round.
#include <piiflow.h>
#include <string.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
	char name[64] PII(user.name);
};

ANALYTICS_SINK void stats_event(const char *name, const char *value);

/* stored, sent by the callee, then cleared: the flow happened */
static const char *g_pending;
static void send_pending(void)
{
	stats_event("pending", g_pending); // expect: pii-to-analytics(user.contact.email)
}

void on_login(const struct user *u)
{
	g_pending = u->email;
	send_pending();
	g_pending = 0;
}

/* stored by a function that never returns */
static const char *g_current;
static void report_current(void)
{
	stats_event("current", g_current); // expect: pii-to-analytics(user.name)
}

void serve_forever(const struct user *u)
{
	g_current = u->name;
	for (;;)
		report_current();
}

/* copied from one global into another by a callee */
static const char *g_src, *g_dst;
static void promote(void)
{
	g_dst = g_src;
}

void on_signup(const struct user *u)
{
	g_src = u->email;
	promote();
	stats_event("dst", g_dst); // expect: pii-to-analytics(user.contact.email)
}

/* a parameter stored in a global two calls down */
static const char *g_kept;
static void keep(const char *s)
{
	g_kept = s;
}

static void keep_twice(const char *s)
{
	keep(s);
}

void on_profile(const struct user *u)
{
	keep_twice(u->name);
}

void flush_kept(void)
{
	stats_event("kept", g_kept); // expect: pii-to-analytics(user.name)
}

/* a global read by a callee and returned to the caller */
static const char *g_last;
static const char *last_seen(void)
{
	return g_last;
}

void on_visit(const struct user *u)
{
	g_last = u->email;
}

void report_visit(void)
{
	stats_event("last", last_seen()); // expect: pii-to-analytics(user.contact.email)
}
