// An SDK's callback registration without a body: the callback is assumed to
// be called with the context pointer registered with it.
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

struct flush_ctx {
	int batch;
	const char *who;
};

typedef void (*sdk_flush_cb)(void *ctx);
void sdk_on_flush(sdk_flush_cb cb, void *ctx);

AD_SINK void adkit_flush_user(const char *who);

static void flush_user(void *ctx)
{
	const struct flush_ctx *fc = ctx;

	adkit_flush_user(fc->who); // expect: pii-to-advertising(user.contact.email)
}

void register_user(const struct user *u, struct flush_ctx *fc)
{
	fc->batch = 1;
	fc->who = u->email;
	sdk_on_flush(flush_user, fc);
}
