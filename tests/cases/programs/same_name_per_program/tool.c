#include "shared.h"

const char *prepare(const char *s)
{
	(void)s;
	return "tool";
}

static void run(void)
{
	send_b(current_user()->email);
}

int main(void)
{
	run();
	return 0;
}
