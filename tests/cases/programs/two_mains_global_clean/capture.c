#include "shared.h"

int main(void)
{
	remember(current_user()->email);
	return 0;
}
