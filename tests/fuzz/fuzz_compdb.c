/*
 * Fuzz target: the compile-database loader and the splitter of its
 * "command" strings. compile_commands.json comes from CMake, bear, meson or
 * a hand-written script; whatever it holds, loading must end in a database
 * or a message that names the entry, and splitting a command must follow sh
 * quoting without running anything. Relative paths resolve against a
 * directory that does not exist, so entries rarely name real files; when
 * they do, they are only read.
 */
#include <stdlib.h>
#include <string.h>

#include "compdb/compdb.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pf_error err;
	struct pf_compdb db;
	if (pf_compdb_load_buffer(&db, "fuzz/compile_commands.json", "/nonexistent-piiflow-fuzz",
	                          (const char *)data, size, &err) == 0) {
		for (size_t i = 0; i < db.ncmds; i++)
			if (!db.cmds[i].file || !db.cmds[i].argv || db.cmds[i].argc == 0)
				__builtin_trap();
	} else if (db.ncmds || !memchr(err.text, '\0', sizeof(err.text))) {
		__builtin_trap(); /* a failed load leaves the database empty */
	}
	pf_compdb_free(&db);

	/* The same bytes as one "command" string. */
	char *cmd = malloc(size + 1);
	memcpy(cmd, data, size);
	cmd[size] = '\0';
	char **argv = NULL;
	size_t argc = 0;
	if (pf_compdb_split_command(cmd, &argv, &argc, &err) == 0) {
		if (argc == 0 || argv[argc] != NULL)
			__builtin_trap();
		for (size_t i = 0; i < argc; i++)
			free(argv[i]);
		free(argv);
	}
	free(cmd);
	return 0;
}
