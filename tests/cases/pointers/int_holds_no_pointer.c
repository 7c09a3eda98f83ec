// A pointer kept in a uintptr_t is followed when it is turned back into a
// pointer; an int, an enum or a double never holds one (lowering marks
// such scalars, and the engine reads no pointee from them).
#include <stdint.h>
#include <piiflow.h>

struct user {
	char email[64] PII(user.contact.email);
	unsigned id;
};

struct slot {
	unsigned hash;
	uintptr_t tag;
	long size;
	enum { SLOT_FREE, SLOT_USED } state;
	double weight;
	char c;
	_Bool used;
};

struct slot g_slot;

void ads_send(const char *payload AD_SINK);

void via_uintptr(struct user *u)
{
	uintptr_t t = (uintptr_t)u->email;
	ads_send((const char *)t); // expect: pii-to-advertising(user.contact.email)
}

void via_slot(struct user *u)
{
	g_slot.tag = (uintptr_t)u->email;
	ads_send((const char *)g_slot.tag); // expect: pii-to-advertising(user.contact.email)
}
