/*
 * Where a loaded rules entry stands in its file, for diagnostics about the
 * entry after loading (an entry that matches nothing in the program). The
 * file is read again only when such a diagnostic is due.
 */
#include "rules_internal.h"

#include <stdlib.h>

#include "util/file.h"

int pf_rules_origin_position(const struct pf_rule_origin *o, int *line, int *column)
{
	*line = 1;
	*column = 1;
	char *text = NULL;
	size_t len = 0;
	if (!o || !o->file || !o->json_path || pf_read_file(o->file, &text, &len) != 0)
		return -1;
	struct pf_json_step steps[PF_JSON_MAX_DEPTH];
	char keys[PF_JSON_MAX_DEPTH][128];
	size_t depth = pf_json_path_parse(o->json_path, steps, keys);
	pf_json_locate(text, len, steps, depth, false, line, column);
	free(text);
	return 0;
}
