// A wrapper that calls back either a function of its own or the one its
// caller handed it (`f = verbose ? log_each : fn`) makes its own call and
// leaves the other to its callers: the callback the caller passed still
// fills the caller's context.
#include <piiflow.h>
#include <string.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

struct ctx {
	char buf[64];
};

typedef int (*each_fn)(const char *key, void *data);

void adkit_track(const char *event, const char *payload AD_SINK);
void audit_log(const char *line);

struct user current;

static void iterate(each_fn fn, void *data)
{
	fn("key", data);
}

static int log_each(const char *key, void *data)
{
	audit_log(key);
	return 0;
}

void iterate_opts(each_fn fn, void *data, int verbose)
{
	each_fn f = verbose ? log_each : fn;
	iterate(f, data);
}

static int fill_email(const char *key, void *data)
{
	struct ctx *c = data;
	strcpy(c->buf, current.email);
	return 0;
}

static int fill_banner(const char *key, void *data)
{
	struct ctx *c = data;
	strcpy(c->buf, "welcome");
	return 0;
}

void report(int verbose)
{
	struct ctx mine, banner;
	iterate_opts(fill_email, &mine, verbose);
	iterate_opts(fill_banner, &banner, verbose);
	adkit_track("mine", mine.buf); // expect: pii-to-advertising(user.contact.email)
	adkit_track("banner", banner.buf);
}
