/*
 * Fuzz target: the project configuration, .piiflow.json, and the exclude
 * globs it holds. The loader reads a file (it resolves the file's directory
 * for relative paths), so each input is written to one temporary file made
 * at the first call. A load must end in a config or an error that names a
 * place; every exclude glob of a loaded config is then matched against a
 * few paths, since "**" and "[...]" are where a matcher loops or overreads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "policy/config.h"

static char path[64];

static void write_input(const uint8_t *data, size_t size)
{
	if (!path[0]) {
		const char *dir = getenv("TMPDIR");
		snprintf(path, sizeof(path), "%s/piiflow-fuzz-XXXXXX", dir && *dir ? dir : "/tmp");
		int fd = mkstemp(path);
		if (fd < 0) {
			perror("fuzz_config: mkstemp");
			abort();
		}
		close(fd);
	}
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
		perror("fuzz_config: writing the input");
		abort();
	}
}

__attribute__((destructor)) static void remove_input(void)
{
	if (path[0])
		unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[] = {"src/a.c", "third_party/zlib/inflate.c", "", "/abs/x.c",
	                                    "a/b/c/d/e/f/g/h.c"};
	write_input(data, size);
	struct pf_config c;
	struct pf_error err;
	char msg[2048];
	if (pf_config_load(&c, path, &err) == 0) {
		for (size_t i = 0; i < c.nexclude; i++)
			for (size_t k = 0; k < sizeof(paths) / sizeof(*paths); k++)
				(void)pf_glob_match(c.exclude[i], paths[k]);
		(void)pf_config_level(&c, "advertising", "user.contact.email");
		pf_config_free(&c);
	} else {
		pf_error_format(&err, "error", msg, sizeof(msg));
	}
	/* The bytes as "GLOB\nPATH" too, for the matcher alone. */
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	char *p = strchr(text, '\n');
	if (p)
		*p++ = '\0';
	(void)pf_glob_match(text, p ? p : "src/lib/a.c");
	free(text);
	return 0;
}
