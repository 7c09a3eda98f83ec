/*
 * Checkout: reports a purchase to the ad network. The payload is formatted in
 * format.c with the customer's e-mail address in it; the first call sends it
 * without asking, the second only after the customer opted in, which is
 * allowed.
 */
#include <stdio.h>

#include "ads.h"
#include "user.h"

void on_checkout(const struct user *u, int cents)
{
	char payload[256];

	format_purchase(payload, sizeof(payload), u, cents);
	ads_track("checkout", payload); /* reported: no consent asked */

	if (user_ad_consent(u))
		ads_track("checkout_personalised", payload); /* allowed: express consent */
}

int main(void)
{
	struct user u = {.id = 42, .name = "Ada", .email = "ada@example.com", .country = "GB"};
	on_checkout(&u, 1999);
	return 0;
}
