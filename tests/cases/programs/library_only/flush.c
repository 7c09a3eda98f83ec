#include "lib.h"

void lib_flush(void)
{
	adkit_track("pending", g_pending); // expect: pii-to-advertising(user.contact.email)
}
