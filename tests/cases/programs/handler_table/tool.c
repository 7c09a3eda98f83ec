#include "shared.h"

int main(void)
{
	transfer("http", current_user()->email);
	return 0;
}
