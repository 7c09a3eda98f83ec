// A const global cannot be written, but what the pointers it keeps point
// to can: data written through them is found.
#include <piiflow.h>
#include <string.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
	char name[64] PII(user.name);
};

ANALYTICS_SINK void stats_event(const char *name, const char *value);

/* a const pointer to a buffer */
static char g_buf[64];
static char *const g_out = g_buf;

void capture(const struct user *u)
{
	strcpy(g_out, u->email);
}

void flush(void)
{
	stats_event("buf", g_out); // expect: pii-to-analytics(user.contact.email)
}

/* a const table whose entries point to buffers */
struct slot {
	const char *label;
	char *data;
};
static char g_first[64], g_second[64];
static const struct slot g_slots[2] = {{"first", g_first}, {"second", g_second}};

void fill(const struct user *u)
{
	strcpy(g_slots[1].data, u->name);
}

void flush_slots(void)
{
	stats_event("second", g_second); // expect: pii-to-analytics(user.name)
}
