// A function that mixes seventy globals and sends the mix to sixty-four
// sinks has 70 x 64 flows into sinks, too many to keep apart even with a
// hub: its summary routes them through the hub as well, and says so. The
// personal data stored in one of the globals still reaches every sink
// (the eight sinks of a macro use share its line: one finding a line).
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

ANALYTICS_SINK void stats_event(const char *name, const char *value);

#define G10(p) *p##0, *p##1, *p##2, *p##3, *p##4, *p##5, *p##6, *p##7, *p##8, *p##9
const char G10(a), G10(b), G10(c), G10(d), G10(e), G10(f), G10(g);

#define PICK(v) if (k == __LINE__) t = v;
#define PICK10(p) PICK(p##0) PICK(p##1) PICK(p##2) PICK(p##3) PICK(p##4) \
	PICK(p##5) PICK(p##6) PICK(p##7) PICK(p##8) PICK(p##9)
#define SEND8 stats_event("1", t); stats_event("2", t); stats_event("3", t); \
	stats_event("4", t); stats_event("5", t); stats_event("6", t); \
	stats_event("7", t); stats_event("8", t);

void spray(int k) /* expect: analysis-budget */
{
	const char *t = 0;
	PICK10(a) PICK10(b) PICK10(c) PICK10(d) PICK10(e) PICK10(f) PICK10(g)
	SEND8 // expect: pii-to-analytics(user.contact.email)
	SEND8 // expect: pii-to-analytics(user.contact.email)
	SEND8 // expect: pii-to-analytics(user.contact.email)
	SEND8 // expect: pii-to-analytics(user.contact.email)
	SEND8 // expect: pii-to-analytics(user.contact.email)
	SEND8 // expect: pii-to-analytics(user.contact.email)
	SEND8 // expect: pii-to-analytics(user.contact.email)
	SEND8 // expect: pii-to-analytics(user.contact.email)
}

/* every global holds what load is given (feed, below, gives it personal
 * data): spray follows all seventy */
#define SET(v) v = s;
#define SET10(p) SET(p##0) SET(p##1) SET(p##2) SET(p##3) SET(p##4) \
	SET(p##5) SET(p##6) SET(p##7) SET(p##8) SET(p##9)
void load(const char *s)
{
	SET10(a) SET10(b) SET10(c) SET10(d) SET10(e) SET10(f) SET10(g)
}

void remember(const struct user *u)
{
	a3 = u->email;
}

/* load is given personal data: all seventy globals hold it */
void feed(const struct user *u)
{
	load(u->email);
}
