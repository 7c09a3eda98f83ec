/* A summary names what a function leaves in an object it returns only so
 * many fields and pointers deep (PF_EMIT_DEPTH): here the e-mail lies
 * three pointers below the record 'make' returns, from objects of
 * functions with no body that the summary cannot name, so the flow is not
 * seen, and the analysis says so on the function whose summary left it out.
 * A run that missed the flow in silence would fail this case. */
#include <string.h>
#include "piiflow.h"

struct user {
	PII(user.contact.email) char email[64];
};
struct n2 {
	char *s;
};
struct n1 {
	struct n2 *p;
};
struct box {
	struct n1 *q;
};

struct n1 *lib_n1(void);
struct n2 *lib_n2(void);
char *lib_buf(void);

ANALYTICS_SINK void stats_event(const char *v);

static struct box make(const struct user *u) /* expect: analysis-budget */
{
	struct box b;
	struct n1 *a = lib_n1();
	struct n2 *c = lib_n2();
	char *buf = lib_buf();
	strcpy(buf, u->email);
	c->s = buf;
	a->p = c;
	b.q = a;
	return b;
}

void report(const struct user *u)
{
	struct box b = make(u);
	stats_event(b.q->p->s);
}
