/*
 * Where a loaded rules entry stands in its file, for diagnostics about the
 * entry after loading (an entry that matches nothing in the program). The
 * file is read again only when such a diagnostic is due.
 */
#include "rules_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pf_rules_origin_position(const struct pf_rule_origin *o, int *line, int *column)
{
	*line = 1;
	*column = 1;
	if (!o || !o->file || !o->json_path)
		return -1;
	FILE *f = fopen(o->file, "rb");
	if (!f)
		return -1;
	char *text = NULL;
	size_t len = 0, cap = 0;
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (len + n + 1 > cap) {
			cap = (len + n + 1) * 2;
			char *t = realloc(text, cap);
			if (!t) {
				free(text);
				fclose(f);
				return -1;
			}
			text = t;
		}
		memcpy(text + len, buf, n);
		len += n;
	}
	fclose(f);
	if (!text)
		return -1;
	/* "sinks[2]" -> {"sinks"}, {NULL, 2} */
	struct pf_rules_step steps[PF_RULES_MAX_DEPTH];
	char keys[PF_RULES_MAX_DEPTH][128];
	size_t depth = 0;
	const char *p = o->json_path;
	while (*p && depth < PF_RULES_MAX_DEPTH) {
		if (*p == '.') {
			p++;
			continue;
		}
		if (*p == '[') {
			steps[depth].key = NULL;
			steps[depth].index = strtoul(p + 1, NULL, 10);
			depth++;
			p = strchr(p, ']');
			p = p ? p + 1 : "";
			continue;
		}
		size_t k = strcspn(p, ".[");
		snprintf(keys[depth], sizeof(keys[depth]), "%.*s", (int)k, p);
		steps[depth].key = keys[depth];
		steps[depth].index = 0;
		depth++;
		p += k;
	}
	pf_rules_locate(text, len, steps, depth, false, line, column);
	free(text);
	return 0;
}
