/*
 * The three outputs of `piiflow discover`. Text: one compiler-style note per
 * suggestion, so that an editor lists them like warnings. Rules: a rules
 * file of sources (SPEC section 3) that a team reviews and loads with
 * --rules, without editing its code. Patch: a unified diff that writes
 * PII(category) onto the declarations themselves, for `patch -p1` or
 * `git apply`.
 */
#include "discover/discover.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static const char *kind_name(enum pf_ir_dkind k)
{
	static const char *const names[] = {
	    [PF_D_FIELD] = "field",
	    [PF_D_GLOBAL] = "global",
	    [PF_D_PARAM] = "parameter",
	    [PF_D_FUNCTION] = "function",
	};
	return (unsigned)k < sizeof(names) / sizeof(names[0]) ? names[k] : "function";
}

static int flush(FILE *out)
{
	if (fflush(out) != 0 || ferror(out)) {
		if (!errno)
			errno = EIO;
		return -1;
	}
	return 0;
}

int pf_discover_write_text(FILE *out, const struct pf_discovery *d)
{
	errno = 0;
	size_t by[3] = {0};
	for (size_t i = 0; i < d->n; i++) {
		const struct pf_suggestion *s = &d->v[i];
		const struct pf_ir_decl *x = s->decl;
		fprintf(out, "%s:%u:%u: note: %s '", x->pos.file, x->pos.line, x->pos.column,
		        kind_name(x->kind));
		if (x->kind == PF_D_FIELD && x->scope[0])
			fprintf(out, "%s.", x->scope);
		fprintf(out, "%s'", x->name);
		if (x->kind == PF_D_PARAM)
			fprintf(out, " of '%s'", x->scope);
		fprintf(out,
		        " looks like personal data: PII(%s), %s confidence (%s%s%s) [discover]\n",
		        s->guess.category, pf_confidence_name(s->guess.confidence), s->guess.why,
		        strcmp(s->guess.why, "type") == 0 ? " " : "",
		        strcmp(s->guess.why, "type") == 0 ? x->base_type : "");
		by[s->guess.confidence]++;
	}
	fprintf(out,
	        "%zu suggestion%s (%zu high, %zu medium, %zu low confidence) among %zu "
	        "declarations without an annotation; %zu already annotated\n",
	        d->n, d->n == 1 ? "" : "s", by[PF_CONF_HIGH], by[PF_CONF_MEDIUM], by[PF_CONF_LOW],
	        d->declarations, d->annotated);
	return flush(out);
}

int pf_discover_write_rules(FILE *out, const struct pf_discovery *d)
{
	errno = 0;
	json_t *root = json_object();
	json_object_set_new(root, "piiflow_rules", json_integer(1));
	json_object_set_new(root, "name", json_string("discovered"));
	json_t *sources = json_array();
	for (size_t i = 0; i < d->n; i++) {
		const struct pf_ir_decl *x = d->v[i].decl;
		json_t *e = json_object();
		if (x->kind == PF_D_FIELD) {
			if (!x->scope[0]) {
				json_decref(e);
				continue; /* a field of an unnamed record has no rules name */
			}
			char *name = pf_xcalloc(strlen(x->scope) + strlen(x->name) + 2, 1);
			sprintf(name, "%s.%s", x->scope, x->name);
			json_object_set_new(e, "field", json_string(name));
			free(name);
		} else if (x->kind == PF_D_GLOBAL) {
			json_object_set_new(e, "variable", json_string(x->name));
		} else if (x->kind == PF_D_FUNCTION) {
			json_object_set_new(e, "function", json_string(x->name));
			json_object_set_new(e, "return", json_true());
		} else {
			json_decref(e);
			continue; /* parameters: only an annotation says "this parameter" */
		}
		json_object_set_new(e, "category", json_string(d->v[i].guess.category));
		json_array_append_new(sources, e);
	}
	json_object_set_new(root, "sources", sources);
	int rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_SORT_KEYS) == 0 ? 0 : -1;
	fputc('\n', out);
	json_decref(root);
	return rc == 0 ? flush(out) : -1;
}

/* ---- patch ---- */

struct pf_lines {
	char **v;
	size_t n;
	bool final_newline;
};

static int read_lines(const char *path, struct pf_lines *l)
{
	memset(l, 0, sizeof(*l));
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	l->final_newline = true;
	while ((len = getline(&line, &cap, f)) >= 0) {
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		else
			l->final_newline = false;
		l->v = pf_xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
		l->v[l->n++] = pf_xstrdup(line);
	}
	free(line);
	fclose(f);
	return 0;
}

static void free_lines(struct pf_lines *l)
{
	pf_free_strings(l->v, l->n);
}

/* Inserts text into line at byte column col (1-based); returns a new line. */
static char *insert_at(const char *line, unsigned col, const char *text)
{
	size_t n = strlen(line), at = col ? col - 1 : 0;
	if (at > n)
		at = n;
	char *r = pf_xcalloc(n + strlen(text) + 1, 1);
	memcpy(r, line, at);
	strcpy(r + at, text);
	strcat(r, line + at);
	return r;
}

static bool mentions_header(const struct pf_lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (strstr(l->v[i], "#include") && strstr(l->v[i], "piiflow.h"))
			return true;
	return false;
}

/* The line (0-based) after which #include <piiflow.h> goes: after the
 * last #include at the start of a line, else at the top (-1). */
static long include_after(const struct pf_lines *l)
{
	long at = -1;
	for (size_t i = 0; i < l->n; i++) {
		const char *p = l->v[i];
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, "#include", 8) == 0 || (p[0] == '#' && strstr(p, "include")))
			at = (long)i;
	}
	return at;
}

/* One line of a diff: ' ' context, '-' removed, '+' added. */
struct pf_dline {
	char op;
	const char *text;
	size_t old_no, new_no; /* 1-based numbers of the line before or at it */
};

/* One file's diff: edited[i] replaces old line i (NULL: unchanged); the
 * extra line goes after old line `extra` (0-based; -1: at the top; -2:
 * none). Hunks have 3 lines of context and merge when they touch. */
static void diff_file(FILE *out, const char *path, const struct pf_lines *old, char **edited,
                      long extra, const char *extra_line)
{
	struct pf_dline *d = pf_xcalloc(old->n * 2 + 2, sizeof(*d));
	size_t n = 0, o = 0, w = 0;
	if (extra == -1)
		d[n++] = (struct pf_dline){'+', extra_line, o, ++w};
	for (size_t i = 0; i < old->n;) {
		if (!edited[i]) {
			d[n++] = (struct pf_dline){' ', old->v[i], ++o, ++w};
			if (extra >= 0 && (size_t)extra == i)
				d[n++] = (struct pf_dline){'+', extra_line, o, ++w};
			i++;
			continue;
		}
		/* a run of edited lines: removals first, then additions */
		size_t k = i;
		while (k < old->n && edited[k])
			k++;
		for (size_t j = i; j < k; j++)
			d[n++] = (struct pf_dline){'-', old->v[j], ++o, w};
		for (size_t j = i; j < k; j++)
			d[n++] = (struct pf_dline){'+', edited[j], o, ++w};
		if (extra >= 0 && (size_t)extra >= i && (size_t)extra < k)
			d[n++] = (struct pf_dline){'+', extra_line, o, ++w};
		i = k;
	}
	fprintf(out, "--- a/%s\n+++ b/%s\n", path, path);
	for (size_t i = 0; i < n;) {
		if (d[i].op == ' ') {
			i++;
			continue;
		}
		size_t start = i >= 3 ? i - 3 : 0, end = i;
		/* the hunk runs on while the next change is within 6 lines */
		for (size_t k = i; k < n && k <= end + 6; k++)
			if (d[k].op != ' ')
				end = k;
		end = end + 4 < n ? end + 4 : n;
		size_t olds = 0, news = 0;
		for (size_t k = start; k < end; k++) {
			olds += d[k].op != '+';
			news += d[k].op != '-';
		}
		/* the first old and new line numbers of the hunk */
		size_t o1 = d[start].op == '+' ? d[start].old_no + 1 : d[start].old_no;
		size_t n1 = d[start].op == '-' ? d[start].new_no + 1 : d[start].new_no;
		fprintf(out, "@@ -%zu,%zu +%zu,%zu @@\n", olds ? o1 : o1 - 1, olds,
		        news ? n1 : n1 - 1, news);
		for (size_t k = start; k < end; k++) {
			fprintf(out, "%c%s\n", d[k].op, d[k].text);
			if (d[k].op != '+' && d[k].old_no == old->n && !old->final_newline)
				fputs("\\ No newline at end of file\n", out);
		}
		i = end;
	}
	free(d);
}

static int sugg_by_file_cmp(const void *pa, const void *pb)
{
	const struct pf_suggestion *a = *(const struct pf_suggestion *const *)pa;
	const struct pf_suggestion *b = *(const struct pf_suggestion *const *)pb;
	int c = strcmp(a->decl->insert.file, b->decl->insert.file);
	if (c)
		return c;
	if (a->decl->insert.line != b->decl->insert.line)
		return a->decl->insert.line < b->decl->insert.line ? -1 : 1;
	/* right to left within a line, so that earlier columns stay valid */
	if (a->decl->insert.column != b->decl->insert.column)
		return a->decl->insert.column > b->decl->insert.column ? -1 : 1;
	return strcmp(a->decl->name, b->decl->name);
}

int pf_discover_write_patch(FILE *out, const struct pf_discovery *d)
{
	errno = 0;
	const struct pf_suggestion **v = pf_xcalloc(d->n + 1, sizeof(*v));
	size_t n = 0, skipped = 0;
	for (size_t i = 0; i < d->n; i++) {
		const struct pf_ir_decl *x = d->v[i].decl;
		if (!x->insert.line || !x->insert.file || x->insert.file[0] == '/')
			skipped++; /* inside a macro, or outside the working directory */
		else
			v[n++] = &d->v[i];
	}
	qsort(v, n, sizeof(*v), sugg_by_file_cmp);
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0;) {
		const char *file = v[i]->decl->insert.file;
		size_t j = i;
		while (j < n && strcmp(v[j]->decl->insert.file, file) == 0)
			j++;
		struct pf_lines old;
		if (read_lines(file, &old) != 0) {
			fprintf(stderr, "piiflow: %s: cannot read for the patch: %s\n", file,
			        strerror(errno));
			rc = -1;
			break;
		}
		char **edited = pf_xcalloc(old.n + 1, sizeof(*edited));
		for (size_t k = i; k < j; k++) {
			const struct pf_ir_decl *x = v[k]->decl;
			if (x->insert.line > old.n)
				continue;
			size_t li = x->insert.line - 1;
			char text[300];
			if (x->kind == PF_D_FUNCTION)
				snprintf(text, sizeof(text), "PII(%s) ", v[k]->guess.category);
			else
				snprintf(text, sizeof(text), " PII(%s)", v[k]->guess.category);
			const char *cur = edited[li] ? edited[li] : old.v[li];
			char *next = insert_at(cur, x->insert.column, text);
			free(edited[li]);
			edited[li] = next;
		}
		long extra = mentions_header(&old) ? -2 : include_after(&old);
		diff_file(out, file, &old, edited, extra, "#include <piiflow.h>");
		for (size_t k = 0; k < old.n; k++)
			free(edited[k]);
		free(edited);
		free_lines(&old);
		i = j;
	}
	free(v);
	if (skipped)
		fprintf(stderr,
		        "piiflow: %zu suggestion%s left out of the patch: declared in a macro or "
		        "outside the working directory\n",
		        skipped, skipped == 1 ? "" : "s");
	return rc == 0 ? flush(out) : -1;
}
