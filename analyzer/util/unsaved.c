/*
 * The lookup of an unsaved file by path. Paths reach it in several forms
 * (as the compile database spells them, normalized, resolved), so a miss on
 * the spelling is retried on the resolved path.
 */
#include "util/unsaved.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

const struct pf_unsaved_file *pf_unsaved_find(const struct pf_unsaved_file *files, size_t n,
                                              const char *path)
{
	if (!n || !path)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (strcmp(files[i].path, path) == 0)
			return &files[i];
	char buf[PATH_MAX];
	if (!realpath(path, buf))
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (strcmp(files[i].path, buf) == 0)
			return &files[i];
	return NULL;
}
