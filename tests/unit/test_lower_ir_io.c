/*
 * The IR written to disk reads back as the same IR: golden cases of every
 * kind are lowered (with fields and globals that only a rules entry could
 * make personal data, recorded by name), written with pf_ir_write, read with
 * pf_ir_read and compared structurally, node by node, with the TU they were
 * written from; what was read writes and reads back to the same bytes. A
 * file cut short or with a byte changed in its header is rejected. IR
 * lowered with absolute paths (the compiler launcher's) and read relative to
 * a folder is the IR lowered in that folder. Units read with one shared
 * table hold one copy of each string and of each inventory declaration.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "ir/ir_io.h"
#include "lower/lower.h"
#include "util/path.h"

/* Cases lowered: one of each construct the IR has (fields and records,
 * unions and init lists, consent, curl, varargs, callbacks, statics). */
static const char *const cases[] = {
    "basics/field_source.c",          "basics/nested_struct.c",       "basics/variadic_sink.c",
    "structs/designated_init.c",      "consent/goto_out.c",           "consent/stored_in_local.c",
    "curl/attribution_advertising.c", "interproc/callback_pthread.c", "arrays/memcpy_into.c",
    "exprs/conditional_clean.c",      "varargs/va_arg_read.c",        "structs/union_overlap.c",
    "rules/field_and_variable.c",
};

/* Lowers a case; with absolute, as the launcher does (every file by its
 * absolute path), else with the case's file shown relative to the cwd. */
static struct pf_ir_tu *lower_case_as(const char *rel, bool absolute)
{
	char file[1024], dir[1024], inc[1100];
	snprintf(file, sizeof(file), "%s/tests/cases/%s", PF_SOURCE_DIR, rel);
	snprintf(dir, sizeof(dir), "%s", file);
	*strrchr(dir, '/') = '\0';
	snprintf(inc, sizeof(inc), "-I%s", dir);
	char *argv[] = {"cc", inc, "-std=gnu11", "-c", file, NULL};
	char *display = absolute ? strdup(file) : pf_path_display(file);
	struct pf_compile_command cmd = {
	    .directory = dir, .file = file, .display = display, .argv = argv, .argc = 5};
	struct pf_lower_options opts = {
	    .absolute_paths = absolute,
	    .annotations_dir = PF_SOURCE_DIR "/annotations",
	    .resource_dir = PF_CLANG_RESOURCE_DIR[0] ? PF_CLANG_RESOURCE_DIR : NULL,
	};
	struct pf_ir_tu *tu = pf_lower_tu(&cmd, &opts);
	free(display);
	return tu;
}

static struct pf_ir_tu *lower_case(const char *rel)
{
	return lower_case_as(rel, false);
}

/* The bytes pf_ir_write makes of tu; *len set. */
static char *write_mem(const struct pf_ir_tu *tu, size_t *len)
{
	char *buf = NULL;
	FILE *m = open_memstream(&buf, len);
	assert_non_null(m);
	assert_int_equal(pf_ir_write(m, tu), 0);
	assert_int_equal(fclose(m), 0);
	return buf;
}

static struct pf_ir_tu *read_mem(const char *buf, size_t len)
{
	FILE *m = fmemopen((void *)buf, len, "rb");
	assert_non_null(m);
	struct pf_ir_tu *tu = pf_ir_read(m);
	fclose(m);
	return tu;
}

/* ---- structural comparison ---- */

static void same_str(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

/* A position without a file (a built-in) reads back with the empty file
 * name, which every reader of positions treats alike. */
static void same_pos(struct pf_ir_pos a, struct pf_ir_pos b)
{
	same_str(a.file ? a.file : "", b.file);
	assert_int_equal(a.line, b.line);
	assert_int_equal(a.column, b.column);
}

/* Types may be cyclic (recursive records): compare to a fixed depth. */
static void same_type(const struct pf_ir_type *a, const struct pf_ir_type *b, int depth)
{
	if (!a || !b) {
		assert_ptr_equal(a, b);
		return;
	}
	assert_int_equal(a->kind, b->kind);
	same_str(a->spelling, b->spelling);
	assert_int_equal(a->target_const, b->target_const);
	assert_int_equal(a->is_union, b->is_union);
	assert_int_equal(a->complete, b->complete);
	assert_int_equal(a->no_pointer, b->no_pointer);
	assert_int_equal(a->nfields, b->nfields);
	assert_int_equal(a->nparams, b->nparams);
	assert_int_equal(a->variadic, b->variadic);
	if (depth == 0)
		return;
	same_type(a->target, b->target, depth - 1);
	for (size_t i = 0; i < a->nfields; i++) {
		same_str(a->fields[i].name, b->fields[i].name);
		assert_int_equal(a->fields[i].source, b->fields[i].source);
		same_type(a->fields[i].type, b->fields[i].type, depth - 1);
	}
}

static void same_var(const struct pf_ir_var *a, const struct pf_ir_var *b)
{
	if (!a || !b) {
		assert_ptr_equal(a, b);
		return;
	}
	assert_int_equal(a->kind, b->kind);
	same_str(a->name, b->name);
	assert_int_equal(a->index, b->index);
	assert_int_equal(a->source, b->source);
	same_str(a->key, b->key);
	same_type(a->type, b->type, 3);
}

static void same_expr(const struct pf_ir_expr *a, const struct pf_ir_expr *b)
{
	if (!a || !b) {
		assert_ptr_equal(a, b);
		return;
	}
	assert_int_equal(a->kind, b->kind);
	same_pos(a->pos, b->pos);
	same_type(a->type, b->type, 2);
	assert_int_equal(a->nkids, b->nkids);
	switch (a->kind) {
	case PF_E_VAR:
		same_var(a->u.var, b->u.var);
		break;
	case PF_E_FIELD:
		same_str(a->u.field.name, b->u.field.name);
		assert_int_equal(a->u.field.arrow, b->u.field.arrow);
		assert_int_equal(a->u.field.source, b->u.field.source);
		assert_int_equal(a->u.field.index, b->u.field.index);
		break;
	case PF_E_FUNC:
		same_str(a->u.func.key, b->u.func.key);
		same_str(a->u.func.name, b->u.func.name);
		break;
	case PF_E_CALL:
		assert_int_equal(a->u.call.site, b->u.call.site);
		break;
	case PF_E_ASSIGN:
		assert_int_equal(a->u.assign.compound, b->u.assign.compound);
		break;
	case PF_E_STRING:
	case PF_E_CONST:
		same_str(a->u.text, b->u.text);
		break;
	case PF_E_INIT:
		assert_int_equal(a->u.init.is_array, b->u.init.is_array);
		for (unsigned i = 0; i < a->nkids; i++)
			same_str(a->u.init.designator[i], b->u.init.designator[i]);
		break;
	default:
		break;
	}
	for (unsigned i = 0; i < a->nkids; i++)
		same_expr(a->kids[i], b->kids[i]);
}

static void same_fdecl(const struct pf_ir_fdecl *a, const struct pf_ir_fdecl *b)
{
	same_str(a->key, b->key);
	same_str(a->name, b->name);
	assert_int_equal(a->is_static, b->is_static);
	same_pos(a->pos, b->pos);
	same_type(a->type, b->type, 3);
	assert_int_equal(a->nparams, b->nparams);
	assert_int_equal(a->variadic, b->variadic);
	assert_int_equal(a->ret_source, b->ret_source);
	same_str(a->sink_purpose, b->sink_purpose);
	for (int i = 0; i < a->nparams; i++) {
		same_str(a->param_sink[i], b->param_sink[i]);
		assert_int_equal(a->param_source[i], b->param_source[i]);
		assert_int_equal(a->param_out_source[i], b->param_out_source[i]);
		assert_int_equal(a->param_const_pointee[i], b->param_const_pointee[i]);
		same_str(a->param_names[i], b->param_names[i]);
	}
	assert_int_equal(a->anonymizer, b->anonymizer);
	same_str(a->consent_purpose, b->consent_purpose);
}

static void same_func(const struct pf_ir_func *a, const struct pf_ir_func *b)
{
	same_fdecl(a->decl, b->decl);
	for (int i = 0; i < a->decl->nparams; i++)
		same_var(a->params[i], b->params[i]);
	assert_int_equal(a->nlocals, b->nlocals);
	for (unsigned i = 0; i < a->nlocals; i++)
		same_var(a->locals[i], b->locals[i]);
	assert_int_equal(a->ncallsites, b->ncallsites);
	assert_int_equal(a->nstmts, b->nstmts);
	assert_int_equal(a->nblocks, b->nblocks);
	for (unsigned k = 0; k < a->nblocks; k++) {
		const struct pf_ir_block *x = &a->blocks[k], *y = &b->blocks[k];
		assert_int_equal(x->term, y->term);
		assert_int_equal(x->succ[0], y->succ[0]);
		assert_int_equal(x->succ[1], y->succ[1]);
		same_expr(x->cond, y->cond);
		assert_int_equal(x->nstmts, y->nstmts);
		for (unsigned s = 0; s < x->nstmts; s++) {
			assert_int_equal(x->stmts[s].kind, y->stmts[s].kind);
			same_pos(x->stmts[s].pos, y->stmts[s].pos);
			same_var(x->stmts[s].var, y->stmts[s].var);
			same_expr(x->stmts[s].expr, y->stmts[s].expr);
		}
	}
}

static void same_tu(const struct pf_ir_tu *a, const struct pf_ir_tu *b)
{
	same_str(a->file, b->file);
	assert_int_equal(a->fatal, b->fatal);
	assert_int_equal(a->nsources, b->nsources);
	for (size_t i = 0; i < a->nsources; i++) {
		assert_int_equal(a->sources[i]->kind, b->sources[i]->kind);
		same_str(a->sources[i]->record.tag, b->sources[i]->record.tag);
		same_str(a->sources[i]->record.type, b->sources[i]->record.type);
		same_str(a->sources[i]->category, b->sources[i]->category);
		same_str(a->sources[i]->name, b->sources[i]->name);
		same_str(a->sources[i]->function, b->sources[i]->function);
		same_str(a->sources[i]->how, b->sources[i]->how);
		same_pos(a->sources[i]->pos, b->sources[i]->pos);
		assert_int_equal(a->sources[i]->id, b->sources[i]->id);
	}
	assert_int_equal(a->nfdecls, b->nfdecls);
	for (size_t i = 0; i < a->nfdecls; i++)
		same_fdecl(a->fdecls[i], b->fdecls[i]);
	assert_int_equal(a->nglobals, b->nglobals);
	for (size_t i = 0; i < a->nglobals; i++) {
		same_str(a->globals[i]->key, b->globals[i]->key);
		same_str(a->globals[i]->name, b->globals[i]->name);
		assert_int_equal(a->globals[i]->is_static, b->globals[i]->is_static);
		assert_int_equal(a->globals[i]->source, b->globals[i]->source);
		same_type(a->globals[i]->type, b->globals[i]->type, 3);
		same_pos(a->globals[i]->pos, b->globals[i]->pos);
		assert_int_equal(a->globals[i]->is_const, b->globals[i]->is_const);
		assert_int_equal(a->globals[i]->defined, b->globals[i]->defined);
		assert_int_equal(a->globals[i]->initialized, b->globals[i]->initialized);
		assert_int_equal(a->globals[i]->one_char, b->globals[i]->one_char);
	}
	assert_int_equal(a->nglobal_refs, b->nglobal_refs);
	for (size_t i = 0; i < a->nglobal_refs; i++)
		same_var(a->global_refs[i], b->global_refs[i]);
	assert_int_equal(a->nfuncs, b->nfuncs);
	for (size_t i = 0; i < a->nfuncs; i++)
		same_func(a->funcs[i], b->funcs[i]);
	assert_int_equal(a->naddr_taken, b->naddr_taken);
	for (size_t i = 0; i < a->naddr_taken; i++)
		same_str(a->addr_taken[i], b->addr_taken[i]);
	assert_int_equal(a->nrefs, b->nrefs);
	for (size_t i = 0; i < a->nrefs; i++)
		same_str(a->refs[i], b->refs[i]);
	assert_int_equal(a->nincludes, b->nincludes);
	for (size_t i = 0; i < a->nincludes; i++)
		same_str(a->includes[i], b->includes[i]);
	assert_int_equal(a->ndiags, b->ndiags);
	for (size_t i = 0; i < a->ndiags; i++) {
		same_str(a->diags[i].rule, b->diags[i].rule);
		assert_int_equal(a->diags[i].is_error, b->diags[i].is_error);
		same_pos(a->diags[i].pos, b->diags[i].pos);
		same_str(a->diags[i].message, b->diags[i].message);
	}
}

/* ---- tests ---- */

static void test_round_trip(void **state)
{
	(void)state;
	size_t funcs = 0, named = 0;
	for (size_t c = 0; c < sizeof(cases) / sizeof(*cases); c++) {
		struct pf_ir_tu *tu = lower_case(cases[c]);
		assert_non_null(tu);
		if (tu->fatal || tu->nfuncs == 0)
			fail_msg("%s: not lowered (%zu diagnostics)", cases[c], tu->ndiags);
		funcs += tu->nfuncs;
		for (size_t i = 0; i < tu->nsources; i++)
			named += tu->sources[i]->kind == PF_IR_SRC_FIELD;

		size_t len = 0, len2 = 0;
		char *bytes = write_mem(tu, &len);
		struct pf_ir_tu *back = read_mem(bytes, len);
		if (!back)
			fail_msg("%s: the IR written does not read back", cases[c]);
		same_tu(tu, back);
		/* what was read writes and reads back to the very same bytes */
		char *again = write_mem(back, &len2);
		struct pf_ir_tu *back2 = read_mem(again, len2);
		assert_non_null(back2);
		same_tu(back, back2);
		size_t len3 = 0;
		char *third = write_mem(back2, &len3);
		assert_int_equal(len2, len3);
		assert_memory_equal(again, third, len2);

		free(third);
		free(again);
		pf_ir_tu_free(back2);
		free(bytes);
		pf_ir_tu_free(back);
		pf_ir_tu_free(tu);
	}
	assert_true(funcs >= sizeof(cases) / sizeof(*cases));
	assert_true(named > 0); /* fields recorded by name, for the rules, were stored */
}

/* The launcher's IR, lowered with absolute paths and read relative to the
 * folder the link phase runs in, is the IR lowered there: positions, the
 * unit's file and the link keys of static names ("name@file") alike. */
static void test_absolute_paths_read_relative(void **state)
{
	(void)state;
	char old[4096], here[4096];
	assert_non_null(getcwd(old, sizeof(old)));
	assert_int_equal(chdir(PF_SOURCE_DIR "/tests"), 0);
	assert_non_null(getcwd(here, sizeof(here)));
	bool keyed = false;
	for (size_t c = 0; c < sizeof(cases) / sizeof(*cases); c++) {
		struct pf_ir_tu *rel = lower_case_as(cases[c], false);
		struct pf_ir_tu *abs = lower_case_as(cases[c], true);
		assert_false(rel->fatal || abs->fatal);
		assert_string_not_equal(rel->file, abs->file);
		size_t len = 0;
		char *bytes = write_mem(abs, &len);
		FILE *m = fmemopen(bytes, len, "rb");
		assert_non_null(m);
		struct pf_ir_tu *back = pf_ir_read_relative(m, here);
		fclose(m);
		if (!back)
			fail_msg("%s: the IR written does not read back", cases[c]);
		same_tu(rel, back);
		for (size_t i = 0; i < rel->nfdecls; i++)
			keyed = keyed || strchr(rel->fdecls[i]->key, '@');
		free(bytes);
		pf_ir_tu_free(back);
		pf_ir_tu_free(abs);
		pf_ir_tu_free(rel);
	}
	assert_true(keyed); /* some case has a static function */
	assert_int_equal(chdir(old), 0);
}

static struct pf_ir_tu *read_shared(const char *buf, size_t len, struct pf_ir_shared *sh)
{
	FILE *m = fmemopen((void *)buf, len, "rb");
	assert_non_null(m);
	struct pf_ir_tu *tu = pf_ir_read_shared(m, NULL, sh);
	fclose(m);
	return tu;
}

/* Units read with one table (the link phase's) are the units read alone,
 * with one copy of each string, and an inventory declaration that an
 * earlier unit recorded is kept only there; a unit that does not read
 * whole leaves nothing behind in the table. */
static void test_units_read_with_one_table(void **state)
{
	(void)state;
	struct pf_ir_tu *tu = lower_case(cases[0]);
	assert_true(tu->ndecls > 0);
	size_t len = 0;
	char *bytes = write_mem(tu, &len);
	struct pf_ir_shared *sh = pf_ir_shared_new();
	assert_null(read_shared(bytes, len - 1, sh)); /* cut short */
	struct pf_ir_tu *a = read_shared(bytes, len, sh);
	struct pf_ir_tu *b = read_shared(bytes, len, sh);
	pf_ir_shared_release(sh); /* the units hold it from here */
	assert_non_null(a);
	assert_non_null(b);
	same_tu(tu, a);
	same_tu(tu, b);
	assert_ptr_equal(a->file, b->file);
	assert_ptr_equal(a->fdecls[0]->name, b->fdecls[0]->name);
	assert_int_equal(a->ndecls, tu->ndecls);
	for (size_t i = 0; i < tu->ndecls; i++) {
		same_str(a->decls[i].name, tu->decls[i].name);
		same_pos(a->decls[i].pos, tu->decls[i].pos);
	}
	assert_int_equal(b->ndecls, 0);
	/* written again (equal strings are one now, so the bytes are fewer),
	 * it reads back as the same unit */
	size_t len2 = 0;
	char *again = write_mem(a, &len2);
	assert_true(len2 <= len);
	struct pf_ir_tu *c = read_mem(again, len2);
	assert_non_null(c);
	same_tu(tu, c);
	pf_ir_tu_free(c);
	free(again);
	pf_ir_tu_free(a);
	pf_ir_tu_free(b);
	free(bytes);
	pf_ir_tu_free(tu);
}

/* The table of declarations grows while a later unit is read: a unit of
 * 512 declarations fills it to the point where the next look-up grows
 * it, and the second reading of the same unit finds each of them there
 * (the look-up read the table it had just freed). */
static void test_table_grows_while_reading(void **state)
{
	(void)state;
	struct pf_ir_tu *tu = lower_case(cases[0]);
	assert_true(tu->ndecls > 0);
	size_t n = 512;
	struct pf_ir_decl *many = PF_NEW_N(&tu->arena, struct pf_ir_decl, n);
	for (size_t i = 0; i < n; i++) {
		many[i] = tu->decls[0];
		many[i].name = pf_arena_printf(&tu->arena, "decl_%zu", i);
	}
	tu->decls = many;
	tu->ndecls = tu->capdecls = n;
	size_t len = 0;
	char *bytes = write_mem(tu, &len);
	struct pf_ir_shared *sh = pf_ir_shared_new();
	struct pf_ir_tu *a = read_shared(bytes, len, sh);
	struct pf_ir_tu *b = read_shared(bytes, len, sh);
	pf_ir_shared_release(sh);
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(a->ndecls, n);
	assert_int_equal(b->ndecls, 0);
	pf_ir_tu_free(a);
	pf_ir_tu_free(b);
	free(bytes);
	pf_ir_tu_free(tu);
}

static void test_damaged_files_are_rejected(void **state)
{
	(void)state;
	struct pf_ir_tu *tu = lower_case(cases[0]);
	size_t len = 0;
	char *bytes = write_mem(tu, &len);
	assert_true(len > 16);

	/* every prefix, from nothing to one byte short */
	for (size_t cut = 0; cut < len; cut += (cut < 64 ? 1 : 97))
		assert_null(read_mem(bytes, cut));
	assert_null(read_mem(bytes, len - 1));

	/* a trailing byte */
	char *longer = malloc(len + 1);
	memcpy(longer, bytes, len);
	longer[len] = 0;
	assert_null(read_mem(longer, len + 1));
	free(longer);

	/* another format version, another magic */
	bytes[7] ^= 0x40;
	assert_null(read_mem(bytes, len));
	bytes[7] ^= 0x40;
	bytes[0] = 'X';
	assert_null(read_mem(bytes, len));
	bytes[0] = 'P';
	struct pf_ir_tu *back = read_mem(bytes, len);
	assert_non_null(back);
	pf_ir_tu_free(back);

	free(bytes);
	pf_ir_tu_free(tu);
}

/* Writes tu and reads it back: the same unit. */
static void same_after_round_trip(const struct pf_ir_tu *tu)
{
	size_t len;
	char *buf = write_mem(tu, &len);
	struct pf_ir_tu *back = read_mem(buf, len);
	assert_non_null(back);
	same_tu(tu, back);
	free(buf);
	pf_ir_tu_free(back);
}

/* The global of tu named name, or NULL. */
static const struct pf_ir_global *find_global(const struct pf_ir_tu *tu, const char *name)
{
	for (size_t i = 0; i < tu->nglobals; i++)
		if (strcmp(tu->globals[i]->name, name) == 0)
			return tu->globals[i];
	return NULL;
}

/* Scalars that never hold a pointer are marked (the engine reads no
 * pointee from them); intptr_t and uintptr_t, pointers and records are
 * not; the mark survives writing and reading. */
static void test_scalars_that_hold_no_pointer(void **state)
{
	(void)state;
	struct pf_ir_tu *tu = lower_case("pointers/int_holds_no_pointer.c");
	assert_non_null(tu);
	const struct pf_ir_global *g = find_global(tu, "g_slot");
	assert_non_null(g);
	const struct pf_ir_type *slot = g->type;
	assert_int_equal(slot->kind, PF_T_RECORD);
	assert_false(slot->no_pointer);
	static const struct {
		const char *field;
		bool no_pointer;
	} want[] = {{"hash", true},   {"tag", false}, {"size", true}, {"state", true},
	            {"weight", true}, {"c", true},    {"used", true}};
	assert_int_equal(slot->nfields, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < slot->nfields; i++) {
		assert_string_equal(slot->fields[i].name, want[i].field);
		assert_int_equal(slot->fields[i].type->kind, PF_T_SCALAR);
		assert_int_equal(slot->fields[i].type->no_pointer, want[i].no_pointer);
	}
	same_after_round_trip(tu);
	pf_ir_tu_free(tu);
}

static bool has_ref(const struct pf_ir_tu *tu, const char *name)
{
	for (size_t i = 0; i < tu->nrefs; i++)
		if (strcmp(tu->refs[i], name) == 0)
			return true;
	return false;
}

/* A unit's references name the globals of an initializer lowering does not
 * keep (a static table of addresses, which names no function) and the
 * functions its bodies call, each once, and not what it defines static;
 * they survive writing and reading. */
static void test_references_of_a_unit(void **state)
{
	(void)state;
	struct pf_ir_tu *tu = lower_case("programs/handler_table/core.c");
	assert_non_null(tu);
	const struct pf_ir_global *table = find_global(tu, "handlers");
	assert_non_null(table);
	assert_null(table->init); /* not kept: the references come from elsewhere */
	assert_true(table->defined);
	assert_true(has_ref(tu, "handler_http"));
	assert_true(has_ref(tu, "handler_file"));
	assert_true(has_ref(tu, "strcmp"));
	assert_false(has_ref(tu, "handlers"));
	assert_false(has_ref(tu, "transfer")); /* named by no expression */
	for (size_t i = 0; i < tu->nrefs; i++)
		for (size_t j = i + 1; j < tu->nrefs; j++)
			assert_string_not_equal(tu->refs[i], tu->refs[j]);
	same_after_round_trip(tu);
	pf_ir_tu_free(tu);
}

/* A tentative definition (`void (*hook)(...);` at file scope) defines its
 * global, which holds zeros: lowering marks it defined and not
 * initialized, a definition with an initializer both, and the marks
 * survive writing and reading. */
static void test_tentative_definitions(void **state)
{
	(void)state;
	struct pf_ir_tu *tu = lower_case("interproc/hook_never_set_clean.c");
	assert_non_null(tu);
	const struct pf_ir_global *hook = find_global(tu, "report_hook");
	assert_non_null(hook);
	assert_true(hook->defined);
	assert_false(hook->initialized);
	assert_false(hook->one_char);
	const struct pf_ir_global *table = find_global(tu, "reporters");
	assert_non_null(table);
	assert_true(table->defined);
	assert_true(table->initialized);
	same_after_round_trip(tu);
	pf_ir_tu_free(tu);
}

/* An array of one character is marked where it is defined, though the
 * header declared it without a size; the mark survives writing and
 * reading. */
static void test_one_char_arrays(void **state)
{
	(void)state;
	struct pf_ir_tu *tu = lower_case("idioms/string_builder_sentinel.c");
	assert_non_null(tu);
	const struct pf_ir_global *slop = find_global(tu, "sb_slopbuf");
	assert_non_null(slop);
	assert_true(slop->defined);
	assert_true(slop->one_char);
	same_after_round_trip(tu);
	pf_ir_tu_free(tu);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_absolute_paths_read_relative),
	    cmocka_unit_test(test_units_read_with_one_table),
	    cmocka_unit_test(test_table_grows_while_reading),
	    cmocka_unit_test(test_damaged_files_are_rejected),
	    cmocka_unit_test(test_scalars_that_hold_no_pointer),
	    cmocka_unit_test(test_references_of_a_unit),
	    cmocka_unit_test(test_tentative_definitions),
	    cmocka_unit_test(test_one_char_arrays),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
