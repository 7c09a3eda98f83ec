#include "shared.h"

const char *prepare(const char *s)
{
	return s;
}

static void run(void)
{
	send_a(current_user()->email);
}

int main(void)
{
	run();
	return 0;
}
