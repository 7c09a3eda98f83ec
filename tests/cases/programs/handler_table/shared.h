#ifndef SHARED_H
#define SHARED_H
#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

struct user *current_user(void);
void adkit_track(const char *event, const char *payload AD_SINK);

/* one per scheme, as curl's Curl_handler_* */
struct handler {
	const char *scheme;
	void (*send)(const char *data);
};

extern const struct handler handler_http;
extern const struct handler handler_file;
void transfer(const char *scheme, const char *data);

#endif
