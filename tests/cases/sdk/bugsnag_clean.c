// An error with a fixed name and a message about the app, and a breadcrumb
// that counts retries, carry no personal data.
// expect-none
#include <stdio.h>
#include <piiflow.h>
#include "bugsnag.h"

struct member {
	int retries;
	char email[64] PII(user.contact.email);
};

void on_sync_failed(const struct member *m)
{
	char msg[64];
	snprintf(msg, sizeof msg, "sync failed after %d retries", m->retries);
	bugsnag_leave_breadcrumb(msg, BSG_CRUMB_PROCESS);
	bugsnag_notify("SyncError", "sync failed", BSG_SEVERITY_WARN);
}
