/* A call through a function pointer a function was handed is made by its
 * callers with the functions they pass, and a callback's own such calls in
 * turn, only so many deep (PF_DCALL_DEPTH). Here a visitor hands itself
 * back to the walker: the flow into the sink is found within the bound,
 * the walks further down are not followed, and the analysis says so. */
#include "piiflow.h"

struct user {
	PII(user.contact.email) const char *email;
};

struct node {
	struct node *kid;
};

typedef void (*visit_fn)(struct node *n, void *self, const struct user *u);

ANALYTICS_SINK void stats_event(const char *v);

static void walk(struct node *n, visit_fn fn, const struct user *u)
{
	if (n)
		fn(n, (void *)fn, u);
}

static void visit(struct node *n, void *self, const struct user *u)
{
	stats_event(u->email); // expect: pii-to-analytics(user.contact.email)
	walk(n->kid, (visit_fn)self, u);
}

void run(struct node *root, const struct user *u) /* expect: analysis-budget */
{
	walk(root, visit, u);
}
