/*
 * Files as an editor holds them, not yet saved: the language server hands
 * them to a check, which parses, hashes and scans them instead of what is
 * on disk. Only the lookup lives here; each stage reads the contents itself.
 */
#ifndef PF_UNSAVED_H
#define PF_UNSAVED_H

#include <stddef.h>

struct pf_unsaved_file {
	const char *path; /* absolute, symbolic links resolved */
	const char *contents;
	size_t length;
};

/* The entry of files[0..n) for path (compared as given, then with symbolic
 * links resolved), or NULL when path is not unsaved. */
const struct pf_unsaved_file *pf_unsaved_find(const struct pf_unsaved_file *files, size_t n,
                                              const char *path);

#endif
