// A function that mixes forty globals into each other is simplified to a
// hub. The globals it reads are filled elsewhere, or by the caller just
// before the call; the caller reads back a global the hub writes, after
// the call, or another function sends it.
#include <piiflow.h>
#include <string.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
	char name[64] PII(user.name);
};

ANALYTICS_SINK void stats_event(const char *name, const char *value);

#define G10(p) *p##0, *p##1, *p##2, *p##3, *p##4, *p##5, *p##6, *p##7, *p##8, *p##9
const char G10(a), G10(b), G10(c), G10(d);

#define PICK(v) if (k == __LINE__) t = v;
#define PICK10(p) PICK(p##0) PICK(p##1) PICK(p##2) PICK(p##3) PICK(p##4) \
	PICK(p##5) PICK(p##6) PICK(p##7) PICK(p##8) PICK(p##9)
#define PUT10(p) p##0 = t; p##1 = t; p##2 = t; p##3 = t; p##4 = t; \
	p##5 = t; p##6 = t; p##7 = t; p##8 = t; p##9 = t;

void shuffle(int k, const char *in)
{
	const char *t = in;
	PICK10(a) PICK10(b) PICK10(c) PICK10(d)
	PUT10(a) PUT10(b) PUT10(c) PUT10(d)
}

/* a global the hub reads, filled by another function */
void on_login(const struct user *u)
{
	a3 = u->email;
}

void relay(int k)
{
	d7 = "none";
	shuffle(k, "relay");
	stats_event("d7", d7); // expect: pii-to-analytics(user.contact.email), pii-to-analytics(user.name)
}

/* a global the hub reads, set by the caller around the call */
void stage(const struct user *u, int k)
{
	b5 = u->name;
	shuffle(k, "stage");
	b5 = 0;
}

void flush(void)
{
	stats_event("c2", c2); // expect: pii-to-analytics(user.contact.email), pii-to-analytics(user.name)
}
