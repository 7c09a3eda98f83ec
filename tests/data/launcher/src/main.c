/* Logs a customer in: the description with the e-mail address is wrapped
 * and sent to the crash reporter (reported: pii-to-analytics). */
#include "user.h"
#include "util.h"

int main(void)
{
	struct user u = {.id = 7, .email = "ada@example.com"};
	char line[256], event[300], copy[300];
	user_describe(line, sizeof(line), &u);
	net_wrap(event, sizeof(event), line);
	copy_text(copy, sizeof(copy), event);
	report_line(copy);
	return 0;
}
