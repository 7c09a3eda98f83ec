// A call through a pointer that cannot be resolved reaches every function
// of its type whose address is taken. With nine of them, the call uses
// their merged summary: the one handler that sends its argument to a sink
// is still found, through the pointer passed in by the caller.
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
static void h4(const char *v)
{
	stats_event("h4", v); // expect: pii-to-analytics(user.contact.email)
}
static void h5(const char *v) { counts[5] += v[0]; }
static void h6(const char *v) { counts[6] += v[0]; }
static void h7(const char *v) { counts[7] += v[0]; }
static void h8(const char *v) { counts[8] += v[0]; }

handler_fn *const handlers[] = {h0, h1, h2, h3, h4, h5, h6, h7, h8};

void dispatch(handler_fn *fn, const struct user *u)
{
	fn(u->email);
}
