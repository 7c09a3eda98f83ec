/* A global ring of event lines, filled by the capture code and flushed to
 * the analytics backend by a timer. */
#ifndef RING_H
#define RING_H

#define RING_SLOTS 16
#define RING_LINE 128

extern char g_ring[RING_SLOTS][RING_LINE];
extern unsigned g_ring_head;

void ring_push(const char *line);
void ring_flush(void);

#endif
