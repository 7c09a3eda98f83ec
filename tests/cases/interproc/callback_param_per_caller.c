// A function that iterates for whoever calls it calls back through the
// pointer it was handed (git's configset_iter called from repo_config and
// git_config). Each caller's call is its own: the callback that copies the
// e-mail address fills its caller's context, the one that copies a banner
// fills the other's, even where the pointer passes through two wrappers and
// the iterator reads the context again after the call.
#include <piiflow.h>
#include <string.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

struct ctx {
	char buf[64];
	char copy[64];
};

typedef int (*each_fn)(const char *key, const char *value, void *data);

void adkit_track(const char *event, const char *payload AD_SINK);

struct user current;
static const char *keys[4] = {"a", "b", "c", "d"};

static void iterate(each_fn fn, void *data)
{
	struct ctx *c = data;
	for (int i = 0; i < 4; i++)
		if (fn(keys[i], "v", data) < 0)
			break;
	strcpy(c->copy, c->buf);
}

static void iterate_repo(each_fn fn, void *data) { iterate(fn, data); }
void iterate_all(each_fn fn, void *data) { iterate_repo(fn, data); }

static int fill_email(const char *key, const char *value, void *data)
{
	struct ctx *c = data;
	strcpy(c->buf, current.email);
	return 0;
}

static int fill_banner(const char *key, const char *value, void *data)
{
	struct ctx *c = data;
	strcpy(c->buf, "welcome");
	return 0;
}

void report(void)
{
	struct ctx mine, banner;
	iterate_all(fill_email, &mine);
	iterate_all(fill_banner, &banner);
	adkit_track("copy", mine.copy); // expect: pii-to-advertising(user.contact.email)
	adkit_track("banner", banner.buf);
	adkit_track("banner copy", banner.copy);
}
