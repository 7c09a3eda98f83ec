/*
 * Reading a whole file, the one way every loader does it (compile database,
 * taxonomy, rules, configuration, baseline): the text is kept, not streamed,
 * so that an error can be located by JSON path or line afterwards.
 */
#ifndef PF_FILE_H
#define PF_FILE_H

#include <stddef.h>

/* Reads the file at path into a fresh heap string that the caller frees:
 * *text holds *len bytes and a NUL after them (the file may hold NULs of
 * its own). Returns 0, or an errno value with nothing allocated and errno
 * set to it as well. */
int pf_read_file(const char *path, char **text, size_t *len);

#endif
