#include <stdio.h>

int main(void)
{
	puts("usage: cli");
	return 0;
}
