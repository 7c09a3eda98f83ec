// An encoder that asks the callback it was handed for each character and
// stores what it returns: what the caller's callback returns is what the
// encoder wrote, for that caller only.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

typedef char (*next_fn)(int i, void *data);

void adkit_track(const char *event, const char *payload AD_SINK);

static void encode(char *out, int n, next_fn next, void *data)
{
	for (int i = 0; i < n; i++)
		out[i] = next(i, data);
	out[n] = 0;
}

static char from_user(int i, void *data)
{
	const struct user *u = data;
	return u->email[i];
}

static char from_text(int i, void *data)
{
	const char *text = data;
	return text[i];
}

void report(const struct user *u)
{
	char mail[64], tag[64];
	encode(mail, 8, from_user, (void *)u);
	encode(tag, 4, from_text, "beta");
	adkit_track("mail", mail); // expect: pii-to-advertising(user.contact.email)
	adkit_track("tag", tag);
}
