#include "shared.h"

int main(void)
{
	flush_last();
	return 0;
}
