/*
 * Fuzz target: the CSV reader of the category vocabulary (rules/taxonomy.csv
 * and a project's extension of it). Quoted fields, doubled quotes, CRLF and
 * a byte-order mark are all real in exported spreadsheets; any bytes must
 * give a vocabulary or a message with a line number, and a failed load must
 * leave the vocabulary as it was.
 */
#include <string.h>

#include "fuzz.h"
#include "taxonomy/taxonomy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pf_taxonomy t;
	struct pf_error err;
	pf_taxonomy_init(&t);
	if (pf_taxonomy_load_buffer(&t, "fuzz.csv", (const char *)data, size, &err) == 0) {
		for (size_t i = 0; i < t.nkeys; i++) {
			if (!pf_taxonomy_known(&t, t.keys[i]))
				__builtin_trap(); /* every key loaded is found */
			if (i && strcmp(t.keys[i - 1], t.keys[i]) >= 0)
				__builtin_trap(); /* sorted, no duplicates */
		}
		(void)pf_taxonomy_nearest(&t, "user.contact.emial");
	} else if (t.nkeys) {
		__builtin_trap();
	}
	pf_taxonomy_free(&t);
	return 0;
}
