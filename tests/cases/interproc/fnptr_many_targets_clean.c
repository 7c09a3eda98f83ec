// expect-none
// Nine address-taken handlers of one type, called through a pointer that
// cannot be resolved: their merged summary has no flow from the argument to
// a sink (h4 sends a constant). The function that does send its argument
// has another type, so the call cannot reach it.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

ANALYTICS_SINK void stats_event(const char *name, const char *value);

typedef void handler_fn(const char *value);

static int counts[9];
static void h0(const char *v) { counts[0] += v[0]; }
static void h1(const char *v) { counts[1] += v[0]; }
static void h2(const char *v) { counts[2] += v[0]; }
static void h3(const char *v) { counts[3] += v[0]; }
static void h4(const char *v) { stats_event("h4", "constant"); counts[4] += v[0]; }
static void h5(const char *v) { counts[5] += v[0]; }
static void h6(const char *v) { counts[6] += v[0]; }
static void h7(const char *v) { counts[7] += v[0]; }
static void h8(const char *v) { counts[8] += v[0]; }
static void other(const char *v, int n)
{
	stats_event("other", v + n);
}

handler_fn *const handlers[] = {h0, h1, h2, h3, h4, h5, h6, h7, h8};
void (*const others[])(const char *, int) = {other};

void dispatch(handler_fn *fn, const struct user *u)
{
	fn(u->email);
}
