/*
 * The IR on disk: one lowered translation unit in a compact binary form, so
 * that the per-translation-unit phase (parsing and lowering, nearly all the
 * cost) can be cached between runs and spread over machines
 * (--emit-ir / --from-ir). A file is read back only when it
 * is whole and of this exact format version; anything else is rejected,
 * never trusted.
 */
#ifndef PF_IR_IO_H
#define PF_IR_IO_H

#include <stdio.h>

#include "ir/ir.h"

/* 6: the IR holds no rules; fields and globals are recorded by name and
 * matched against the rules when the program is linked. 7: a type says
 * whether it never holds a pointer. 8: a global says whether the unit
 * defines it, and the unit lists the external names it uses (refs).
 * 9: a global says whether a definition of it has an initializer (a
 * tentative definition now counts as defining it). 10: a global says
 * whether its definition is an array of one character. 11: va_arg is an
 * expression of its own (PF_E_VAARG), no longer its list operand. */
#define PF_IR_FORMAT_VERSION 11

/* Writes tu. The IR does not depend on the rules, so one file serves any
 * rules files. Returns 0, or -1 when writing failed. */
int pf_ir_write(FILE *f, const struct pf_ir_tu *tu);

/* Reads a TU written by pf_ir_write; NULL when the file is truncated,
 * corrupt or of another version. Freed with pf_ir_tu_free. */
struct pf_ir_tu *pf_ir_read(FILE *f);

/* The same for IR lowered with absolute paths (the compiler launcher's,
 * which does not know where the link phase will run): a path under dir
 * (absolute, normalized), in positions, the unit's file and the link keys
 * of static names ("name@file"), is made relative to dir, as lowering in
 * dir would have shown it, so that both read the same. */
struct pf_ir_tu *pf_ir_read_relative(FILE *f, const char *dir);

/* The units of one program, read one after the other: each header's
 * names, types and paths come again in every unit that includes it, and
 * so do the declarations of its inventory (pf_ir_tu.decls). Read with one
 * table, a string is held once for all of them (in the table), and a
 * declaration that a unit read before recorded, equal in every field, is
 * left out of the units after it: over the program, each is kept once.
 * The table starts with one reference, the caller's; each unit read with it
 * takes one, dropped by pf_ir_tu_free. Not for use by several threads at
 * once. dir as for pf_ir_read_relative, or NULL. */
struct pf_ir_shared *pf_ir_shared_new(void);
struct pf_ir_tu *pf_ir_read_shared(FILE *f, const char *dir, struct pf_ir_shared *sh);

#endif
