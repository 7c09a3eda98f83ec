/*
 * Parsing: run libclang on one compile command, with __PIIFLOW__ defined so
 * the annotations expand, clang's builtin headers found, compiler flags
 * that clang does not know (gcc's -fanalyzer, -fconserve-stack) dropped as
 * clangd drops them, and compile errors recorded as one parse-error
 * diagnostic that the driver turns into an input error or, when the user
 * allows it, a warning. Also the small caches every other lowering file
 * uses (file paths, positions, cursor children).
 */
#include "lower/lower_int.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/path.h"
#include "util/xalloc.h"

/* ---- children ---- */

static enum CXChildVisitResult pf_collect_visitor(CXCursor c, CXCursor parent, CXClientData data)
{
	struct pf_cursors *out = data;
	if (out->n == out->cap) {
		unsigned ncap = out->cap * 2;
		if (out->v == out->inline_v) {
			out->v = pf_xmalloc(ncap * sizeof(CXCursor));
			memcpy(out->v, out->inline_v, out->n * sizeof(CXCursor));
		} else {
			out->v = pf_xrealloc(out->v, ncap * sizeof(CXCursor));
		}
		out->cap = ncap;
	}
	out->v[out->n++] = c;
	return CXChildVisit_Continue;
}

void pf_cursors_collect(CXCursor parent, struct pf_cursors *out)
{
	out->v = out->inline_v;
	out->n = 0;
	out->cap = 8;
	clang_visitChildren(parent, pf_collect_visitor, out);
}

void pf_cursors_release(struct pf_cursors *c)
{
	if (c->v != c->inline_v)
		free(c->v);
	c->v = NULL;
}

/* ---- positions ---- */

const char *pf_lower_file_path(struct pf_lower_ctx *cx, CXFile f)
{
	if (!f)
		return "<built-in>";
	const char *p = pf_ptrmap_get(&cx->files, f);
	if (p)
		return p;
	CXString s = clang_getFileName(f);
	const char *name = clang_getCString(s);
	char *abs = pf_path_absolute(cx->directory, name ? name : "");
	char *disp = cx->opts->absolute_paths ? pf_xstrdup(abs) : pf_path_display(abs);
	p = pf_arena_strdup(&cx->tu->arena, disp);
	free(abs);
	free(disp);
	clang_disposeString(s);
	pf_ptrmap_put(&cx->files, f, (void *)p);
	return p;
}

/* Expansion location: a call inside a macro is placed where the outermost
 * macro is used, as compilers place diagnostics. */
struct pf_ir_pos pf_lower_pos(struct pf_lower_ctx *cx, CXCursor c)
{
	CXSourceLocation loc = clang_getCursorLocation(c);
	CXFile f = NULL;
	unsigned line = 0, col = 0;
	clang_getExpansionLocation(loc, &f, &line, &col, NULL);
	struct pf_ir_pos pos = {pf_lower_file_path(cx, f), line, col};
	return pos;
}

char *pf_lower_spelling(struct pf_lower_ctx *cx, CXCursor c)
{
	CXString s = clang_getCursorSpelling(c);
	const char *t = clang_getCString(s);
	char *copy = pf_arena_strdup(&cx->tu->arena, t ? t : "");
	clang_disposeString(s);
	return copy;
}

/* ---- parsing ---- */

static bool pf_arg_is_output(const char *a)
{
	return strcmp(a, "-o") == 0;
}

/* ---- compiler flags clang does not know ---- */

struct pf_dropped_flags {
	pthread_mutex_t lock;
	char **flags;
	size_t n, cap;
};

struct pf_dropped_flags *pf_dropped_flags_new(void)
{
	struct pf_dropped_flags *d = pf_xcalloc(1, sizeof(*d));
	pthread_mutex_init(&d->lock, NULL);
	return d;
}

void pf_dropped_flags_free(struct pf_dropped_flags *d)
{
	if (!d)
		return;
	pf_free_strings(d->flags, d->n);
	pthread_mutex_destroy(&d->lock);
	free(d);
}

static bool pf_dropped_has(struct pf_dropped_flags *d, const char *flag)
{
	bool hit = false;
	pthread_mutex_lock(&d->lock);
	for (size_t i = 0; i < d->n && !hit; i++)
		hit = strcmp(d->flags[i], flag) == 0;
	pthread_mutex_unlock(&d->lock);
	return hit;
}

static void pf_dropped_add(struct pf_dropped_flags *d, const char *flag)
{
	if (pf_dropped_has(d, flag))
		return;
	pthread_mutex_lock(&d->lock);
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->flags = pf_xrealloc(d->flags, d->cap * sizeof(*d->flags));
	}
	d->flags[d->n++] = pf_xstrdup(flag);
	pthread_mutex_unlock(&d->lock);
}

/* Builds the argv libclang sees: the compile command without its output
 * and dependency-file options and without the flags clang rejected, plus
 * piiflow's own definitions. Each flag left out is recorded on tu as a
 * "dropped-flag" diagnostic, which the driver prints once per flag. */
static const char **pf_build_argv(const struct pf_compile_command *cmd,
                                  const struct pf_lower_options *opts,
                                  struct pf_dropped_flags *dropped, struct pf_ir_tu *tu,
                                  int *argc_out)
{
	size_t cap = cmd->argc + opts->nextra_args + 16;
	const char **argv = pf_xcalloc(cap, sizeof(*argv));
	int n = 0;
	argv[n++] = cmd->argc ? cmd->argv[0] : "cc";
	for (size_t i = 1; i < cmd->argc; i++) {
		const char *a = cmd->argv[i];
		if (pf_arg_is_output(a) || strcmp(a, "-MF") == 0 || strcmp(a, "-MT") == 0 ||
		    strcmp(a, "-MQ") == 0) {
			i++; /* skip the option's value too */
			continue;
		}
		if (strcmp(a, "-MD") == 0 || strcmp(a, "-MMD") == 0 || strcmp(a, "-c") == 0)
			continue;
		if (a[0] == '-' && pf_dropped_has(dropped, a)) {
			struct pf_ir_pos pos = {tu->file, 1, 1};
			pf_ir_add_diag(tu, "dropped-flag", false, pos, a);
			continue;
		}
		argv[n++] = a;
	}
	argv[n++] = "-D__PIIFLOW__=1";
	argv[n++] = "-w";
	argv[n++] = "-ferror-limit=0";
	argv[n++] = "-working-directory";
	argv[n++] = cmd->directory;
	if (opts->resource_dir && *opts->resource_dir) {
		argv[n++] = "-resource-dir";
		argv[n++] = opts->resource_dir;
	}
	if (opts->annotations_dir && *opts->annotations_dir) {
		argv[n++] = "-idirafter";
		argv[n++] = opts->annotations_dir;
	}
	for (size_t i = 0; i < opts->nextra_args; i++)
		argv[n++] = opts->extra_args[i];
	*argc_out = n;
	return argv;
}

/* The flags of argv that clang's driver rejected ("unknown argument:
 * '-fconserve-stack'", "unsupported option '-mfoo' for target"). Such
 * diagnostics have no source location, and libclang gives them neither an
 * option (clang_getDiagnosticOption is empty) nor a category, so each is
 * matched against the command's own flags, quoted as clang quotes them.
 * Adds them to dropped and returns how many argv holds. */
static unsigned pf_find_rejected_flags(CXTranslationUnit ctu, const char **argv, int argc,
                                       struct pf_dropped_flags *dropped)
{
	unsigned added = 0;
	unsigned n = clang_getNumDiagnostics(ctu);
	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(ctu, i);
		CXFile f = NULL;
		clang_getExpansionLocation(clang_getDiagnosticLocation(d), &f, NULL, NULL, NULL);
		if (!f && clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
			CXString s = clang_getDiagnosticSpelling(d);
			const char *text = clang_getCString(s);
			for (int a = 1; text && a < argc; a++) {
				size_t len = strlen(argv[a]);
				const char *q = argv[a][0] == '-' ? strstr(text, argv[a]) : NULL;
				while (q && !(q > text && q[-1] == '\'' && q[len] == '\''))
					q = strstr(q + 1, argv[a]);
				if (q) { /* another worker may have found it first */
					pf_dropped_add(dropped, argv[a]);
					added++;
				}
			}
			clang_disposeString(s);
		}
		clang_disposeDiagnostic(d);
	}
	return added;
}

static void pf_collect_diagnostics(struct pf_lower_ctx *cx)
{
	unsigned n = clang_getNumDiagnostics(cx->ctu);
	unsigned errors = 0;
	struct pf_ir_pos first_pos = {cx->tu->file, 1, 1};
	char first[512] = "";
	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(cx->ctu, i);
		enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
		if (sev >= CXDiagnostic_Error) {
			if (errors++ == 0) {
				CXFile f = NULL;
				unsigned line = 0, col = 0;
				clang_getExpansionLocation(clang_getDiagnosticLocation(d), &f,
				                           &line, &col, NULL);
				if (f) {
					first_pos.file = pf_lower_file_path(cx, f);
					first_pos.line = line;
					first_pos.column = col;
				}
				CXString s = clang_getDiagnosticSpelling(d);
				snprintf(first, sizeof(first), "%s", clang_getCString(s));
				clang_disposeString(s);
			}
		}
		clang_disposeDiagnostic(d);
	}
	if (errors) {
		char msg[768];
		snprintf(msg, sizeof(msg), "%s; %u compile error%s in this translation unit", first,
		         errors, errors == 1 ? "" : "s");
		pf_ir_add_diag(cx->tu, "parse-error", false, first_pos, msg);
	}
}

static void pf_inclusion_visitor(CXFile f, CXSourceLocation *stack, unsigned depth,
                                 CXClientData data)
{
	struct pf_lower_ctx *cx = data;
	CXString s = clang_getFileName(f);
	const char *name = clang_getCString(s);
	if (name && *name) {
		char *abs = pf_path_absolute(cx->directory, name);
		PF_IR_PUSH(cx->tu, cx->tu->includes, cx->tu->nincludes, cx->tu->capincludes,
		           pf_arena_strdup(&cx->tu->arena, abs));
		free(abs);
	}
	clang_disposeString(s);
}

struct pf_ir_tu *pf_lower_tu(const struct pf_compile_command *cmd,
                             const struct pf_lower_options *opts)
{
	struct pf_ir_tu *tu = pf_ir_tu_new();
	tu->file = pf_arena_strdup(&tu->arena, cmd->display ? cmd->display : cmd->file);
	struct pf_lower_ctx cx = {.tu = tu, .opts = opts, .cur = -1, .directory = cmd->directory};

	/* Without a set shared by the run's workers, one of this unit's own. */
	struct pf_dropped_flags *own = opts->dropped ? NULL : pf_dropped_flags_new();
	struct pf_dropped_flags *dropped = opts->dropped ? opts->dropped : own;
	size_t ndiags0 = tu->ndiags;
	int argc = 0;
	const char **argv = pf_build_argv(cmd, opts, dropped, tu, &argc);
	CXIndex index = clang_createIndex(0, 0);
	unsigned flags =
	    CXTranslationUnit_KeepGoing | CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles;
	struct CXUnsavedFile *unsaved = NULL;
	if (opts->nunsaved) {
		unsaved = pf_xcalloc(opts->nunsaved, sizeof(*unsaved));
		for (size_t i = 0; i < opts->nunsaved; i++)
			unsaved[i] =
			    (struct CXUnsavedFile){opts->unsaved[i].path, opts->unsaved[i].contents,
			                           (unsigned long)opts->unsaved[i].length};
	}
	enum CXErrorCode rc = clang_parseTranslationUnit2FullArgv(
	    index, NULL, argv, argc, unsaved, (unsigned)opts->nunsaved, flags, &cx.ctu);
	/* Flags clang rejected: parse again without them. Each round drops at
	 * least one flag of the command, so this ends. */
	while (rc == CXError_Success && cx.ctu &&
	       pf_find_rejected_flags(cx.ctu, argv, argc, dropped) > 0) {
		clang_disposeTranslationUnit(cx.ctu);
		cx.ctu = NULL;
		free(argv);
		tu->ndiags = ndiags0;
		argv = pf_build_argv(cmd, opts, dropped, tu, &argc);
		rc = clang_parseTranslationUnit2FullArgv(index, NULL, argv, argc, unsaved,
		                                         (unsigned)opts->nunsaved, flags, &cx.ctu);
	}
	free(unsaved);
	if (rc != CXError_Success || !cx.ctu) {
		struct pf_ir_pos pos = {tu->file, 1, 1};
		char msg[256];
		snprintf(msg, sizeof(msg), "libclang could not parse this file (error %d)",
		         (int)rc);
		pf_ir_add_diag(tu, "parse-error", true, pos, msg);
		tu->fatal = true;
	} else {
		pf_collect_diagnostics(&cx);
		clang_getInclusions(cx.ctu, pf_inclusion_visitor, &cx);
		pf_lower_translation_unit(&cx, clang_getTranslationUnitCursor(cx.ctu));
		pf_lower_inventory(&cx, clang_getTranslationUnitCursor(cx.ctu));
		clang_disposeTranslationUnit(cx.ctu);
	}
	clang_disposeIndex(index);
	free(argv);
	pf_dropped_flags_free(own);
	pf_ptrmap_free(&cx.files);
	pf_ptrmap_free(&cx.types);
	pf_ptrmap_free(&cx.decls);
	pf_ptrmap_free(&cx.gvars);
	pf_ptrmap_free(&cx.locals);
	pf_ptrmap_free(&cx.fields);
	pf_ptrmap_free(&cx.refs);
	free(cx.labels);
	return tu;
}
