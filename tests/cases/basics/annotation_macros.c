// Annotations wrapped in the project's own macros still apply.
#include <piiflow.h>

#define EMAIL_FIELD(name) char name[96] PII(user.contact.email)
#define TRACKER_API ANALYTICS_SINK

struct lead {
	int id;
	EMAIL_FIELD(work_email);
};

TRACKER_API void stats_lead(const char *source, const char *who);

void on_demo_request(const struct lead *l)
{
	stats_lead("demo_form", l->work_email); // expect: pii-to-analytics(user.contact.email)
}
