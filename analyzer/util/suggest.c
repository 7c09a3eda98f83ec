/* Edit distance and "did you mean" (util/suggest.h). */
#include "suggest.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xalloc.h"

size_t pf_edit_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	size_t *rows = pf_xcalloc(3 * (m + 1), sizeof(*rows));
	size_t *prev2 = rows, *prev = rows + m + 1, *cur = rows + 2 * (m + 1);
	for (size_t j = 0; j <= m; j++)
		prev[j] = j;
	for (size_t i = 1; i <= n; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= m; j++) {
			int ca = tolower((unsigned char)a[i - 1]);
			int cb = tolower((unsigned char)b[j - 1]);
			size_t best = prev[j - 1] + (ca != cb);
			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == cb && prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			cur[j] = best;
		}
		size_t *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	size_t d = prev[m];
	free(rows);
	return d;
}

const char *pf_did_you_mean(const char *key, const char *const *known)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;
	size_t klen = strlen(key);
	for (const char *const *a = known; *a; a++) {
		if (strcmp(*a, key) == 0)
			return *a;
		size_t d = pf_edit_distance(key, *a);
		size_t limit = strlen(*a) >= 6 ? 2 : 1;
		if (klen >= 3 && strncasecmp(*a, key, klen) == 0)
			d = 1; /* an abbreviation: "ret", "func" */
		if (d <= limit && d < best_d) {
			best = *a;
			best_d = d;
		}
	}
	return best;
}
