// The twin of two_mains_global_clean where the program that stores the
// personal data (capture.c) also sends it: reported, once, though two
// programs link the sink call.
#include "shared.h"

void flush_last(void)
{
	adkit_track("last", g_last); // expect: pii-to-advertising(user.contact.email)
}
