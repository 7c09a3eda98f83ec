/* Event handlers registered in a table, dispatched from another file. */
#ifndef HANDLERS_H
#define HANDLERS_H
#include <stddef.h>

struct handler {
	const char *event;
	void (*fn)(const char *who);
};

extern const struct handler g_handlers[];
extern const size_t g_nhandlers;

#endif
