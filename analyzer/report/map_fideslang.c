/*
 * The data map as a fideslang `system` manifest (YAML), so that Fides users
 * can hold what the code does against the policy they declared: one privacy
 * declaration per data use the code's flows reach (reported or accepted:
 * both are processing), pairing it with the data categories that reach it.
 * Purposes with no data use (a project's own, not mapped in the config's
 * data_uses) are listed in a comment instead: a manifest must not guess.
 * The fields follow fideslang's System and PrivacyDeclaration models.
 */
#include "report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "findings/map.h"
#include "util/xalloc.h"

/* A YAML double-quoted scalar. */
static void quoted(FILE *out, const char *s)
{
	fputc('"', out);
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20)
			fprintf(out, "\\x%02x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The categories of every purpose mapped to use, sorted and unique. */
static size_t categories_of_use(const struct pf_map *m, const char *use, const char ***out)
{
	size_t n = 0;
	const char **v = NULL;
	for (size_t p = 0; p < m->npurposes; p++) {
		if (!m->purposes[p].data_use || strcmp(m->purposes[p].data_use, use) != 0)
			continue;
		v = pf_xrealloc(v, (n + m->purposes[p].ncategories + 1) * sizeof(*v));
		for (size_t c = 0; c < m->purposes[p].ncategories; c++)
			v[n++] = m->purposes[p].categories[c];
	}
	if (n)
		qsort(v, n, sizeof(*v), str_cmp);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (k == 0 || strcmp(v[k - 1], v[i]) != 0)
			v[k++] = v[i];
	*out = v;
	return k;
}

int pf_map_write_fideslang(FILE *out, const struct pf_map *m, const char *system_key)
{
	errno = 0;
	fputs("# fideslang system manifest written by piiflow map: the data uses that\n"
	      "# personal data reaches in the code, with the categories that reach them.\n",
	      out);
	for (size_t p = 0; p < m->npurposes; p++)
		if (!m->purposes[p].data_use)
			fprintf(out,
			        "# purpose '%s' has no fideslang data use: map it in .piiflow.json "
			        "\"data_uses\"\n",
			        m->purposes[p].purpose);
	fputs("system:\n- fides_key: ", out);
	quoted(out, system_key);
	fputs("\n  name: ", out);
	quoted(out, system_key);
	fputs("\n  description: ", out);
	char desc[512];
	snprintf(desc, sizeof(desc),
	         "Personal data flows found by piiflow %s: %zu sources, %zu reaching a sink",
	         PF_TOOL_VERSION, m->nsources, m->nreaching);
	quoted(out, desc);
	fputs("\n  organization_fides_key: default_organization\n"
	      "  system_type: Service\n"
	      "  processes_personal_data: ",
	      out);
	fputs(m->nsources ? "true\n" : "false\n", out);
	/* the data uses, sorted and unique */
	const char **uses = pf_xcalloc(m->npurposes + 1, sizeof(*uses));
	size_t nuses = 0;
	for (size_t p = 0; p < m->npurposes; p++)
		if (m->purposes[p].data_use)
			uses[nuses++] = m->purposes[p].data_use;
	qsort(uses, nuses, sizeof(*uses), str_cmp);
	fputs(nuses ? "  privacy_declarations:\n" : "  privacy_declarations: []\n", out);
	for (size_t u = 0; u < nuses; u++) {
		if (u && strcmp(uses[u], uses[u - 1]) == 0)
			continue;
		const char **cats;
		size_t ncats = categories_of_use(m, uses[u], &cats);
		/* named for the purposes that reach the use */
		char name[512] = "";
		for (size_t p = 0; p < m->npurposes; p++) {
			const char *du = m->purposes[p].data_use;
			size_t n = strlen(name);
			if (du && strcmp(du, uses[u]) == 0)
				snprintf(name + n, sizeof(name) - n, "%s%s", n ? ", " : "",
				         m->purposes[p].purpose);
		}
		fputs("  - name: ", out);
		quoted(out, name);
		fputs("\n    data_use: ", out);
		quoted(out, uses[u]);
		fputs("\n    data_categories:\n", out);
		for (size_t c = 0; c < ncats; c++) {
			fputs("    - ", out);
			quoted(out, cats[c]);
			fputc('\n', out);
		}
		fputs("    data_subjects: []\n", out);
		free(cats);
	}
	free(uses);
	return pf_report_flush(out);
}
