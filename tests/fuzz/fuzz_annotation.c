/*
 * Fuzz target: what piiflow does with the argument of an annotation,
 * PII(category) or PII_SINK(purpose), once libclang has handed it over as
 * the text after "piiflow:KIND:". Any token sequence a macro can stringify
 * reaches it: the category is looked up in the shipped taxonomy, a near key
 * is suggested for an unknown one, and categories are compared for cover.
 * The input is "KIND:ARG" on its first line and a second category on the
 * next; the shipped taxonomy is loaded once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "taxonomy/taxonomy.h"

static struct pf_taxonomy tax;
static int loaded;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!loaded) {
		struct pf_error err;
		pf_taxonomy_init(&tax);
		if (pf_taxonomy_load(&tax, PF_FUZZ_TAXONOMY, &err) != 0) {
			fprintf(stderr, "fuzz_annotation: %s: %s\n", err.file, err.text);
			abort();
		}
		loaded = 1;
	}
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	char *other = strchr(text, '\n');
	if (other)
		*other++ = '\0';
	else
		other = "user.contact";
	/* "pii:user.contact.email" -> "user.contact.email", as decl.c splits it */
	char *arg = strchr(text, ':');
	arg = arg ? arg + 1 : text;

	bool known = pf_taxonomy_known(&tax, arg);
	const char *near = pf_taxonomy_nearest(&tax, arg);
	if (near && !pf_taxonomy_known(&tax, near))
		__builtin_trap(); /* a suggestion is always a known key */
	if (near && strlen(arg) > 256)
		__builtin_trap(); /* no suggestion for an overlong key: it cost seconds */
	if (known && !pf_category_covers(arg, arg))
		__builtin_trap(); /* a category covers itself */
	bool down = pf_category_covers(arg, other);
	bool up = pf_category_covers(other, arg);
	if (down && up && strcmp(arg, other) != 0)
		__builtin_trap(); /* cover is antisymmetric */
	free(text);
	return 0;
}
