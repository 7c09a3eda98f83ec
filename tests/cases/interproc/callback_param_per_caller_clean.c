// The callback that copies the e-mail address is handed to the iterator
// by one caller; the other caller hands it one that copies a banner, and
// only that context reaches the sinks.
// expect-none
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
	adkit_track("banner", banner.buf);
	adkit_track("banner copy", banner.copy);
}
