// getenv is personal data only for the variables that hold identity (the
// libc pack's "when" list): the login name, the home folder, the mail
// address; LANG, TERM or a name the code computes are not.
#include <piiflow.h>
#include <stdlib.h>

void stats_tag(const char *key, const char *value ANALYTICS_SINK);

void on_start(const char *configured)
{
	stats_tag("user", getenv("USER")); // expect: pii-to-analytics(user.account.username)
	stats_tag("home", getenv("HOME")); // expect: pii-to-analytics(user.account)
	const char *mail = getenv("EMAIL");
	stats_tag("mail", mail); // expect: pii-to-analytics(user.contact.email)
	stats_tag("from", getenv("SSH_CLIENT")); // expect: pii-to-analytics(user.device.ip_address)
	stats_tag("lang", getenv("LANG"));
	stats_tag("term", getenv("TERM"));
	stats_tag("other", getenv(configured));
}
