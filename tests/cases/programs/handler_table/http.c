#include "shared.h"

static void http_send(const char *data)
{
	adkit_track("upload", data); // expect: pii-to-advertising(user.contact.email)
}

const struct handler handler_http = {"http", http_send};
