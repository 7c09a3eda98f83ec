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
 * matched against the rules when the program is linked. */
#define PF_IR_FORMAT_VERSION 6

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

#endif
