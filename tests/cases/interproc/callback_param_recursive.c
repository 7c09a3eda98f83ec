// A merge sort that hands its comparator down its own recursion (git's
// msort_with_tmp) calls, for each caller, the comparator that caller
// passed: the comparator that records the e-mail address fills its
// caller's statistics only.
#include <piiflow.h>
#include <string.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

struct stats {
	char last[64];
};

typedef int (*cmp_fn)(const void *a, const void *b, void *ctx);

void adkit_track(const char *event, const char *payload AD_SINK);

struct user current;

static void msort(char **v, int n, cmp_fn cmp, void *ctx)
{
	if (n < 2)
		return;
	msort(v, n / 2, cmp, ctx);
	msort(v + n / 2, n - n / 2, cmp, ctx);
	if (cmp(v[0], v[n / 2], ctx) > 0) {
		char *t = v[0];
		v[0] = v[n / 2];
		v[n / 2] = t;
	}
}

static int by_owner(const void *a, const void *b, void *ctx)
{
	struct stats *s = ctx;
	strcpy(s->last, current.email);
	return strcmp(a, b);
}

static int by_length(const void *a, const void *b, void *ctx)
{
	struct stats *s = ctx;
	strcpy(s->last, "length");
	return (int)(strlen(a) - strlen(b));
}

void report(char **names)
{
	struct stats owner, length;
	msort(names, 4, by_owner, &owner);
	msort(names, 4, by_length, &length);
	adkit_track("owner", owner.last); // expect: pii-to-advertising(user.contact.email)
	adkit_track("length", length.last);
}
