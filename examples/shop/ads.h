/*
 * The ad network's client: whatever reaches `payload` leaves the company for
 * a third party's ad profile, so personal data may go there only with consent.
 */
#ifndef SHOP_ADS_H
#define SHOP_ADS_H

#include <piiflow.h>

void ads_track(const char *event, const char *payload AD_SINK);

#endif
