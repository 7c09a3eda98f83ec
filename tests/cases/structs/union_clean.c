// Two distinct union objects do not share their members.
// expect-none
#include <piiflow.h>
#include <string.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

union payload {
	const char *text;
	const unsigned char *bytes;
};

void stats_blob(const unsigned char *data ANALYTICS_SINK, size_t len);
void mail_send(const char *to);

void upload_app_name(const struct user *u)
{
	union payload contact, app;

	contact.text = u->email;
	app.text = "shop-app";
	mail_send(contact.text);
	stats_blob(app.bytes, 8);
}
