/* Absolute and display forms of paths (util/path.h). */
#include "path.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xalloc.h"

/* The current directory, or "/" when it cannot be determined (deleted). */
static char *current_dir(void)
{
	size_t size = 256;
	for (;;) {
		char *buf = pf_xmalloc(size);
		if (getcwd(buf, size))
			return buf;
		free(buf);
		if (errno != ERANGE)
			return pf_xstrdup("/");
		size *= 2;
	}
}

/* Normalizes an absolute path in place: no "//", "." or ".." segments and no
 * trailing slash. ".." at the root stays at the root, as the kernel does. */
static void normalize_in_place(char *path)
{
	/* Each kept segment is written with the slash before it, so out never
	 * overtakes in: there is at least one slash between them. */
	char *out = path;
	const char *in = path;
	while (*in) {
		while (*in == '/')
			in++;
		const char *seg = in;
		while (*in && *in != '/')
			in++;
		size_t len = (size_t)(in - seg);
		if (len == 0 || (len == 1 && seg[0] == '.'))
			continue;
		if (len == 2 && seg[0] == '.' && seg[1] == '.') {
			while (out > path && out[-1] != '/')
				out--;
			if (out > path)
				out--;
			continue;
		}
		*out++ = '/';
		memmove(out, seg, len);
		out += len;
	}
	if (out == path)
		*out++ = '/';
	*out = '\0';
}

char *pf_path_absolute(const char *base_dir, const char *path)
{
	char *base = NULL;
	if (path[0] != '/') {
		if (base_dir && base_dir[0] == '/')
			base = pf_xstrdup(base_dir);
		else if (base_dir && base_dir[0])
			base = pf_path_absolute(NULL, base_dir);
		else
			base = current_dir();
	}
	size_t blen = base ? strlen(base) : 0;
	size_t plen = strlen(path);
	char *abs = pf_xmalloc(blen + 1 + plen + 1);
	if (base) {
		memcpy(abs, base, blen);
		abs[blen] = '/';
		memcpy(abs + blen + 1, path, plen + 1);
	} else {
		memcpy(abs, path, plen + 1);
	}
	free(base);
	normalize_in_place(abs);
	return abs;
}

char *pf_path_display(const char *abs_path)
{
	if (abs_path[0] != '/')
		return pf_xstrdup(abs_path);
	char *cwd = pf_path_absolute(NULL, ".");
	size_t clen = strlen(cwd);
	char *out;
	if (strcmp(abs_path, cwd) == 0)
		out = pf_xstrdup(".");
	else if (clen == 1) /* cwd is "/" */
		out = pf_xstrdup(abs_path + 1);
	else if (strncmp(abs_path, cwd, clen) == 0 && abs_path[clen] == '/')
		out = pf_xstrdup(abs_path + clen + 1);
	else
		out = pf_xstrdup(abs_path);
	free(cwd);
	return out;
}
