/*
 * The scratch folders of the unit tests: removed with everything in them.
 * Include after defining _XOPEN_SOURCE 700 (nftw).
 */
#ifndef PF_TEST_SCRATCH_H
#define PF_TEST_SCRATCH_H

#include <ftw.h>
#include <stdio.h>
#include <sys/stat.h>

static inline int pf_scratch_entry(const char *path, const struct stat *st, int flag,
                                   struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

/* Removes dir and everything below it. */
static inline void pf_scratch_remove(const char *dir)
{
	nftw(dir, pf_scratch_entry, 16, FTW_DEPTH | FTW_PHYS);
}

#endif
