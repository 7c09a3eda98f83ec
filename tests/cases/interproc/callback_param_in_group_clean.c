// The function of a merged table that calls back what it was handed is
// handed the callback that copies the e-mail address for a context that
// never reaches the sink.
// expect-none
#include <piiflow.h>
#include <string.h>

struct user {
	char email[64] PII(user.contact.email);
};

struct ctx {
	char buf[64];
};

typedef int (*each_fn)(void *data);
typedef void (*op_fn)(each_fn fn, void *data);

void adkit_track(const char *event, const char *payload AD_SINK);

struct user current;

static void op_each(each_fn fn, void *data) { fn(data); }
static void op_skip1(each_fn fn, void *data) {}
static void op_skip2(each_fn fn, void *data) {}
static void op_skip3(each_fn fn, void *data) {}
static void op_skip4(each_fn fn, void *data) {}
static void op_skip5(each_fn fn, void *data) {}
static void op_skip6(each_fn fn, void *data) {}
static void op_skip7(each_fn fn, void *data) {}

op_fn ops[8] = {op_each, op_skip1, op_skip2, op_skip3, op_skip4, op_skip5, op_skip6, op_skip7};

void set_op(int i, op_fn f) { ops[i] = f; }

static int fill_email(void *data)
{
	struct ctx *c = data;
	strcpy(c->buf, current.email);
	return 0;
}

static int fill_banner(void *data)
{
	struct ctx *c = data;
	strcpy(c->buf, "welcome");
	return 0;
}

void report(int i)
{
	struct ctx mine, banner;
	ops[i](fill_email, &mine);
	ops[i](fill_banner, &banner);
	adkit_track("banner", banner.buf);
}
