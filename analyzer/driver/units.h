/*
 * The units of a build traced by the compiler launcher (`piiflow cc`), on
 * disk: beside each unit's IR (X.pfir) a small text manifest (X.pfunit) that
 * says which source it is, which object file the compile wrote, in which
 * folder, by which IR format, and the first error when the launcher could not
 * lower it. The manifest is what lets the link phase (`check --from-ir DIR`)
 * tell the program's units from configure probes and stale files, and report
 * a unit whose analysis failed or whose IR is gone instead of silently
 * analyzing less. docs/launcher.md describes the format.
 */
#ifndef PF_UNITS_H
#define PF_UNITS_H

#include <stdbool.h>
#include <stddef.h>

#include "compdb/compdb.h"
#include "ir/ir.h"

/* One manifest. Every string is owned (pf_unit_release frees them). */
struct pf_unit {
	char *source;    /* absolute */
	char *object;    /* absolute: the file the compile wrote (object or program) */
	char *directory; /* absolute: the compile's working directory */
	char *format;    /* the IR format's fingerprint (pf_unit_format_key) */
	char *error;     /* why the launcher wrote no IR, or NULL */
};

void pf_unit_release(struct pf_unit *u);

/* The fingerprint of this piiflow's version and IR format (the IR does not
 * depend on the rules, which are matched when the program is linked). hex
 * gets 16 digits and a NUL. */
void pf_unit_format_key(char hex[17]);

/* Writes base.pfir (tu, unless NULL) and then base.pfunit (u), each
 * atomically; without tu, an old base.pfir is removed, so that a failed
 * unit never keeps the IR of an earlier compile. Returns 0, or -1 with a
 * message in err. */
int pf_unit_write(const char *base, const struct pf_unit *u, const struct pf_ir_tu *tu, char *err,
                  size_t errsize);

/* The link phase: reads every unit under dir (recursively; IR files of
 * --emit-ir without a manifest are read as they always were). With db
 * (check -p BUILD_DIR --from-ir DIR), only units whose source the compile
 * database lists are read, and an entry without a unit is an error. Without
 * db, a unit whose object file no longer exists (a configure probe, a
 * cleaned object) is left out, one unit per source is kept and, when files is not
 * NULL, an entry per unit read (its file as the report shows it) is added to
 * files. A unit the launcher could not lower, a missing or unreadable IR
 * file and an IR of another piiflow version are errors, each named on stderr (ten at
 * most). Returns 0 with *tus (*ntus of them, caller frees), or -1. */
int pf_units_load(const char *dir, const struct pf_compdb *db, struct pf_compdb *files, bool quiet,
                  struct pf_ir_tu ***tus, size_t *ntus);

#endif
