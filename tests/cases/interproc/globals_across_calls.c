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

/* copied between globals by a callee after the caller cleared the target:
 * the copy is read back after the call */
static const char *g_from, *g_to;
static void copy_over(void)
{
	g_to = g_from;
}

void on_logout(const struct user *u)
{
	g_from = u->name;
	g_to = 0;
	copy_over();
	stats_event("to", g_to); // expect: pii-to-analytics(user.name)
}

/* a global the caller fills from another global before a callee copies
 * it on, then clears: the copy keeps what it held at the call */
static const char *g_staged, *g_held, *g_published;
static void publish(void)
{
	g_published = g_held;
}

void on_stage(const struct user *u)
{
	g_staged = u->email;
}

void on_publish(void)
{
	g_held = g_staged;
	publish();
	g_held = 0;
}

void flush_published(void)
{
	stats_event("published", g_published); // expect: pii-to-analytics(user.contact.email)
}

/* copied two calls down, read by the caller of the caller */
static const char *g_deep_src, *g_deep_dst;
static void deep_copy(void)
{
	g_deep_dst = g_deep_src;
}

static void deep_copy_twice(void)
{
	deep_copy();
}

void on_deep(const struct user *u)
{
	g_deep_src = u->email;
	g_deep_dst = "none";
	deep_copy_twice();
	stats_event("deep", g_deep_dst); // expect: pii-to-analytics(user.contact.email)
}

/* copied by a callee from a global another function fills into one the
 * caller set before the call: the caller reads the copy back */
static const char *g_saved, *g_restored;
static void restore(void)
{
	g_restored = g_saved;
}

void on_save(const struct user *u)
{
	g_saved = u->email;
}

void on_restore(void)
{
	g_restored = "none";
	restore();
	stats_event("restored", g_restored); // expect: pii-to-analytics(user.contact.email)
}

/* sent by a callee from a global another function fills, called by a
 * caller that also set that global itself and cleared it after */
static const char *g_outbox;
static void send_outbox(void)
{
	stats_event("outbox", g_outbox); // expect: pii-to-analytics(user.contact.email), pii-to-analytics(user.name)
}

void queue_mail(const struct user *u)
{
	g_outbox = u->email;
}

void flush_outbox(const struct user *u)
{
	g_outbox = u->name;
	send_outbox();
	g_outbox = 0;
}
