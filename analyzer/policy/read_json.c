/* Reading a policy file's JSON (policy/policy_int.h), once for every loader. */
#include "policy/policy_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/file.h"

int pf_policy_read_json(const char *path, const char *what, size_t flags, char **text, size_t *len,
                        json_t **root, struct pf_error *err)
{
	*text = NULL;
	*len = 0;
	*root = NULL;
	pf_error_begin(err, path);
	if (pf_read_file(path, text, len) != 0)
		return pf_error_set(err, "cannot read %s: %s", what, strerror(errno));
	json_error_t jerr;
	*root = json_loadb(*text, *len, flags, &jerr);
	if (!*root)
		return pf_error_at(err, jerr.line, jerr.column, "invalid JSON: %s", jerr.text);
	return 0;
}
