// A table of commands too large for lowering to keep its initializer
// (redis's `redisCommandTable`, thousands of nodes): the functions it
// names are still the program's, held where its own pointers reach them,
// and a call through an entry's pointer reaches them. The rule that a
// function handed only to the C library is no target of such a call
// (callback_kept_by_libc_clean) took the table's functions for ones the
// program never holds, and this flow was missed.
#include <piiflow.h>

char *current_email PII(user.contact.email);

void ad_event(const char *payload AD_SINK);

struct command {
	const char *name;
	void (*proc)(const char *arg);
	int arity, flags, first, last, step;
};

static void cmd_noop(const char *arg)
{
	(void)arg;
}

static void cmd_track(const char *arg)
{
	ad_event(arg); // expect: pii-to-advertising(user.contact.email)
}

#define C1 {"noop", cmd_noop, 1, 2, 3, 4, 5}
#define C8 C1, C1, C1, C1, C1, C1, C1, C1
#define C64 C8, C8, C8, C8, C8, C8, C8, C8
#define C512 C64, C64, C64, C64, C64, C64, C64, C64

struct command command_table[] = {{"track", cmd_track, 2, 0, 1, 1, 1}, C512, C512};

void dispatch(struct command *c)
{
	c->proc(current_email);
}
