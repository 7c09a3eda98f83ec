/*
 * Reading a whole file, the one way every loader does it (compile database,
 * taxonomy, rules, configuration, baseline): the text is kept, not streamed,
 * so that an error can be located by JSON path or line afterwards.
 */
#ifndef PF_FILE_H
#define PF_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

/* Reads the file at path into a fresh heap string that the caller frees:
 * *text holds *len bytes and a NUL after them (the file may hold NULs of
 * its own). Returns 0, or an errno value with nothing allocated and errno
 * set to it as well. */
int pf_read_file(const char *path, char **text, size_t *len);

/* Whether two stats are of the same file as it was (device, inode, size,
 * modification and change times): what a file read before is still the
 * file on disk, for those that keep what they read from it. */
bool pf_same_stat(const struct stat *a, const struct stat *b);

#endif
