// Two programs define prepare() each: cli.c passes its argument through and
// sends personal data by send_a, tool.c returns a constant and sends
// personal data by send_b. Each call of prepare() here is the definition of
// the program that runs it: only send_a's sink is reached.
#include "shared.h"

void send_a(const char *s)
{
	adkit_track("a", prepare(s)); // expect: pii-to-advertising(user.contact.email)
}

void send_b(const char *s)
{
	adkit_track("b", prepare(s));
}
