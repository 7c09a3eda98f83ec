/*
 * A stand-in for the ad network's SDK and the consent store, so that the
 * example builds and runs on its own.
 */
#include <stdio.h>

#include "ads.h"
#include "user.h"

void ads_track(const char *event, const char *payload)
{
	printf("ads: %s %s\n", event, payload);
}

int user_ad_consent(const struct user *u)
{
	return u->id % 2 == 0; /* the consent store would be asked here */
}
