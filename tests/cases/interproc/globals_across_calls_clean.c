// expect-none
// The same shapes as globals_across_calls.c, where the global that reaches
// the sink never holds personal data: nothing may be reported.
#include <piiflow.h>
#include <string.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
	char name[64] PII(user.name);
};

ANALYTICS_SINK void stats_event(const char *name, const char *value);

/* the callee sends a global that callers only fill with constants */
static const char *g_pending;
static void send_pending(void)
{
	stats_event("pending", g_pending);
}

void on_login(const struct user *u)
{
	(void)u;
	g_pending = "login";
	send_pending();
}

/* personal data in g_src; the callee copies another global */
static const char *g_src, *g_other, *g_dst;
static void promote(void)
{
	g_dst = g_other;
}

void on_signup(const struct user *u)
{
	g_src = u->email;
	promote();
	stats_event("dst", g_dst);
}

/* a parameter stored in a global, but only constants are passed */
static const char *g_kept;
static void keep(const char *s)
{
	g_kept = s;
}

void on_profile(const struct user *u)
{
	(void)u;
	keep("profile");
}

void flush_kept(void)
{
	stats_event("kept", g_kept);
}

/* a callee copies a clean global into another, two calls down, while
 * personal data sits in a third: the copy carries none of it */
static const char *g_private, *g_public, *g_shown;
static void show(void)
{
	g_shown = g_public;
}

static void show_twice(void)
{
	show();
}

void on_show(const struct user *u)
{
	g_private = u->email;
	g_public = "banner";
	show_twice();
	stats_event("shown", g_shown);
}

/* a callee copies a global that another function fills with a constant
 * into one the caller set before the call, while personal data sits in
 * a third global */
static const char *g_saved, *g_restored, *g_secret;
static void restore(void)
{
	g_restored = g_saved;
}

void on_save(const struct user *u)
{
	g_saved = "saved";
	g_secret = u->email;
}

void on_restore(void)
{
	g_restored = "none";
	restore();
	stats_event("restored", g_restored);
}
