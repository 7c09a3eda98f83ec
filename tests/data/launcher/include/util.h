/* Small helpers of two folders (src/util.c and src/net/util.c). */
#ifndef DEMO_UTIL_H
#define DEMO_UTIL_H

#include <stddef.h>

/* Copies s into out, at most size bytes with the NUL (src/util.c). */
void copy_text(char *out, size_t size, const char *s);

/* Wraps s as a network event into out (src/net/util.c). */
void net_wrap(char *out, size_t size, const char *s);

/* Sends one line to the crash reporter (src/report.c). */
void report_line(const char *line);

#endif
