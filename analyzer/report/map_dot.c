/*
 * The data map as a Graphviz digraph: data categories (ellipses) -> the
 * functions that contain sink calls (boxes) -> the sinks (octagons, with
 * their purpose), left to right. An edge into a sink is red when a flow on
 * it is reported, green when every flow is accepted under consent, grey when
 * suppressed or baselined. Categories that reach nothing stand alone, dashed.
 * Render with `dot -Tsvg`.
 */
#include "report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "findings/map.h"
#include "util/xalloc.h"

/* A double-quoted dot ID. */
static void id(FILE *out, const char *prefix, const char *s)
{
	fprintf(out, "\"%s", prefix);
	for (; s && *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', out);
		fputc(*s == '\n' ? ' ' : *s, out);
	}
	fputc('"', out);
}

struct pf_dot_edge {
	const char *from, *to, *purpose; /* to: the sink callee (edge 2) or function (edge 1) */
	int kind;                        /* 1: category -> function, 2: function -> sink */
	unsigned status_bits;
};

static int edge_cmp(const void *pa, const void *pb)
{
	const struct pf_dot_edge *a = pa, *b = pb;
	if (a->kind != b->kind)
		return a->kind - b->kind;
	int c = strcmp(a->from, b->from);
	if (c || (c = strcmp(a->to, b->to)))
		return c;
	return strcmp(a->purpose, b->purpose);
}

static const char *edge_color(unsigned bits)
{
	if (bits & (1u << PF_MAP_REPORTED))
		return "red";
	if (bits == (1u << PF_MAP_CONSENT))
		return "darkgreen";
	return "grey50";
}

/* ' label="[PURPOSE: ]STATUS, ..."' */
static void edge_label(FILE *out, const char *purpose, unsigned bits)
{
	const char *sep = "";
	fputs(" label=\"", out);
	if (purpose && *purpose)
		fprintf(out, "%s: ", purpose);
	for (int s = 0; s < PF_MAP_NSTATUS; s++)
		if (bits & (1u << s)) {
			fprintf(out, "%s%s", sep, pf_map_status_name((enum pf_map_status)s));
			sep = ", ";
		}
	fputc('"', out);
}

int pf_map_write_dot(FILE *out, const struct pf_map *m)
{
	errno = 0;
	size_t n = 0, cap = 16;
	struct pf_dot_edge *e = pf_xcalloc(cap, sizeof(*e));
	for (size_t i = 0; i < m->nsources; i++)
		for (size_t j = 0; j < m->sources[i].nflows; j++) {
			const struct pf_map_flow *fl = &m->sources[i].flows[j];
			const struct pf_finding *f = fl->finding;
			struct pf_dot_edge two[2] = {
			    {m->sources[i].category, f->sink_function, "", 1, 1u << fl->status},
			    {f->sink_function, f->sink_callee, f->purpose, 2, 1u << fl->status}};
			for (int k = 0; k < 2; k++) {
				size_t x = 0;
				while (x < n && edge_cmp(&e[x], &two[k]) != 0)
					x++;
				if (x < n) {
					e[x].status_bits |= two[k].status_bits;
					continue;
				}
				if (n == cap)
					e = pf_xrealloc(e, (cap *= 2) * sizeof(*e));
				e[n++] = two[k];
			}
		}
	qsort(e, n, sizeof(*e), edge_cmp);

	fputs("digraph piiflow_map {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n", out);
	for (size_t c = 0; c < m->ncategories; c++) {
		bool reaches = false;
		for (size_t p = 0; p < m->npurposes && !reaches; p++)
			for (int s = 0; s < PF_MAP_NSTATUS; s++)
				reaches |= m->categories[c].count[p][s] > 0;
		fputs("  ", out);
		id(out, "category:", m->categories[c].category);
		fputs(" [shape=ellipse label=", out);
		id(out, "", m->categories[c].category);
		fputs(reaches ? "];\n" : " style=dashed];\n", out);
	}
	for (size_t i = 0; i < n; i++) {
		if (e[i].kind != 2)
			continue;
		fputs("  ", out);
		id(out, "function:", e[i].from);
		fputs(" [shape=box label=", out);
		id(out, "", e[i].from);
		fputs("];\n  ", out);
		id(out, "sink:", e[i].to);
		fputs(" [shape=octagon label=", out);
		id(out, "", e[i].to);
		fputs("];\n", out);
	}
	for (size_t i = 0; i < n; i++) {
		fputs("  ", out);
		id(out, e[i].kind == 1 ? "category:" : "function:", e[i].from);
		fputs(" -> ", out);
		id(out, e[i].kind == 1 ? "function:" : "sink:", e[i].to);
		fprintf(out, " [color=%s", edge_color(e[i].status_bits));
		edge_label(out, e[i].purpose, e[i].status_bits);
		fputs("];\n", out);
	}
	fputs("}\n", out);
	free(e);
	return pf_report_flush(out);
}
