// The rules entry names a function only this program calls: the other
// program's engine finds nothing it matches, but the database does, so no
// unmatched-rule warning.
// piiflow-args: --rules {dir}/partner.json
#include "shared.h"

int main(void)
{
	partner_upload(current_user()->email); // expect: pii-to-advertising(user.contact.email)
	return 0;
}
