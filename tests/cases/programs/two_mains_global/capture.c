#include "shared.h"

int main(void)
{
	remember(current_user()->email);
	flush_last();
	return 0;
}
