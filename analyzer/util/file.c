/* Reading a whole file into memory (util/file.h). */
#include "file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "xalloc.h"

int pf_read_file(const char *path, char **text, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return errno ? errno : EIO;
	size_t cap = 16384, n = 0;
	char *buf = pf_xmalloc(cap + 1);
	for (;;) {
		n += fread(buf + n, 1, cap - n, f);
		if (n < cap)
			break;
		cap *= 2;
		buf = pf_xrealloc(buf, cap + 1);
	}
	int e = ferror(f) ? (errno ? errno : EIO) : 0;
	fclose(f);
	if (e) {
		free(buf);
		errno = e;
		return e;
	}
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return 0;
}

bool pf_same_stat(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}
