/* The customer record of a small shop, annotated; the data map lists every
 * annotated declaration, also those that reach no sink (phone, g_last_ip). */
#ifndef DATAMAP_USER_H
#define DATAMAP_USER_H

#include <piiflow.h>

struct user {
	int id;
	char name[64] PII(user.name);
	char email[128] PII(user.contact.email);
	char phone[32] PII(user.contact.phone_number);
	char device_id[40] PII(user.device.device_id);
};

extern char g_last_ip[46] PII(user.device.ip_address);

PII_CONSENT(advertising) int ads_allowed(const struct user *u);

#endif
