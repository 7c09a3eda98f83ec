/*
 * The ad network's client: whatever reaches `payload` leaves the company for
 * a third party's ad profile, so personal data may go there only with consent.
 */
#ifndef SHOP_ADS_H
#define SHOP_ADS_H

#include <piiflow.h>

#include <stddef.h>

struct user;

void ads_track(const char *event, const char *payload AD_SINK);

/* Formats a purchase event for the ad network (format.c). */
void format_purchase(char *out, size_t size, const struct user *u, int cents);

#endif
