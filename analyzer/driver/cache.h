/*
 * The summary cache: the lowered IR of each translation unit, stored under
 * a key made of the piiflow version, the IR format, the rules in force, the
 * compile command and the file; an entry also records every file the unit
 * read with a hash of its contents, and is used only while all of them are
 * unchanged. Anything stale, truncated, corrupt or foreign is a miss and is
 * rebuilt, never trusted. Also the --emit-summaries / --from-summaries
 * folders, which hold the same IR without the check of included files.
 */
#ifndef PF_CACHE_H
#define PF_CACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "compdb/compdb.h"
#include "ir/ir.h"
#include "rules/rules.h"

struct pf_cache;

/* Opens (creating it) a cache folder for runs with these rules. Returns NULL
 * with a message in err when the folder cannot be created. Thread-safe to
 * use afterwards; freed with pf_cache_close. */
struct pf_cache *pf_cache_open(const char *dir, const struct pf_rules *rules, char *err,
                               size_t errsize);
void pf_cache_close(struct pf_cache *c);

/* The IR of cmd when a valid entry exists, else NULL. */
struct pf_ir_tu *pf_cache_load(struct pf_cache *c, const struct pf_compile_command *cmd);
/* Stores tu for cmd (atomically: a reader never sees half an entry). */
void pf_cache_store(struct pf_cache *c, const struct pf_compile_command *cmd,
                    const struct pf_ir_tu *tu);
unsigned pf_cache_hits(const struct pf_cache *c);
/* Files whose contents are taken from unsaved[0..n) (kept by the caller)
 * rather than the disk, when an entry's files are checked and when one is
 * stored: an entry made from an editor's buffer is used only while the
 * buffer (or the saved file) holds the same bytes. Call before any load. */
struct pf_unsaved_file;
void pf_cache_set_unsaved(struct pf_cache *c, const struct pf_unsaved_file *unsaved, size_t n);

/* Sharding: writes tu to DIR/<key>.pfir; reads every *.pfir of DIR in name
 * order. Return 0, or -1 with a message naming the file. */
int pf_summaries_emit(const char *dir, const struct pf_compile_command *cmd,
                      const struct pf_ir_tu *tu, const struct pf_rules *rules, char *err,
                      size_t errsize);
int pf_summaries_load(const char *dir, const struct pf_rules *rules, struct pf_ir_tu ***tus,
                      size_t *ntus, char *err, size_t errsize);

#endif
