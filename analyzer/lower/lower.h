/*
 * Lowering: parse one translation unit with libclang and turn every function
 * into the IR of ir/ir.h, reading piiflow's annotations on the way. This is
 * the only stage that sees libclang; nothing of it escapes into the IR. It
 * does not see the rules: fields and globals are recorded by name and the
 * rules are matched when the program is linked, so one IR serves any rules.
 */
#ifndef PF_LOWER_H
#define PF_LOWER_H

#include "compdb/compdb.h"
#include "ir/ir.h"
#include "taxonomy/taxonomy.h"
#include "util/unsaved.h"

/* The compiler flags clang rejected in some unit of a run (gcc-only ones
 * such as -fanalyzer), shared by the run's workers so that later units are
 * parsed without them at once. Thread-safe. */
struct pf_dropped_flags;
struct pf_dropped_flags *pf_dropped_flags_new(void);
void pf_dropped_flags_free(struct pf_dropped_flags *d);

struct pf_lower_options {
	const struct pf_taxonomy *taxonomy; /* may be NULL: categories unchecked */
	const char *resource_dir;           /* clang's builtin headers, or NULL */
	const char *annotations_dir;        /* where piiflow.h lies, or NULL */
	char *const *extra_args;            /* appended to every command */
	size_t nextra_args;
	struct pf_dropped_flags *dropped; /* may be NULL: each unit learns alone */
	/* contents parsed instead of the files on disk (staged or older
	 * versions); a path that does not exist on disk is a virtual file */
	const struct pf_unsaved_file *unsaved;
	size_t nunsaved;
	/* positions name every file by its absolute path, not relative to the
	 * working directory: the compiler launcher's IR, which the link phase
	 * (pf_ir_read_relative) shows relative to where it runs */
	bool absolute_paths;
};

/* Parses and lowers one compile command. Never returns NULL; when the file
 * could not be parsed at all, tu->fatal is set and tu->diags says why.
 * Compile errors give one "parse-error" diagnostic (the first error and
 * the count), each flag left out one "dropped-flag" diagnostic whose
 * message is the flag.
 * Safe to call from several threads at once. Freed with pf_ir_tu_free. */
struct pf_ir_tu *pf_lower_tu(const struct pf_compile_command *cmd,
                             const struct pf_lower_options *opts);

#endif
