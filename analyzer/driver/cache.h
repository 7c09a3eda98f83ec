/*
 * The IR cache: the lowered IR of each translation unit, stored under
 * a key made of the piiflow version, the IR format, the compile command and
 * the file (not the rules: they are matched when the program is linked, so
 * editing a rules file re-uses every entry); an entry also records every file the unit
 * read with a hash of its contents, and is used only while all of them are
 * unchanged. Anything stale, truncated, corrupt or foreign is a miss and is
 * rebuilt, never trusted. Also the --emit-ir folders, which hold the same
 * IR without the check of included files (read back by driver/units.h).
 */
#ifndef PF_CACHE_H
#define PF_CACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "compdb/compdb.h"
#include "ir/ir.h"
#include "util/error.h"

struct pf_cache;

/* Opens (creating it) a cache folder. Returns NULL
 * with err set when the folder cannot be created. Thread-safe to
 * use afterwards; freed with pf_cache_close. */
struct pf_cache *pf_cache_open(const char *dir, struct pf_error *err);
void pf_cache_close(struct pf_cache *c);

/* Files whose content replaces the one on disk for this run (the staged
 * or an older version): entries are checked and stored against that
 * content, so that each version has its own entries. The array must
 * outlive the cache's use; call before the first load or store. */
void pf_cache_set_unsaved(struct pf_cache *c, const struct pf_unsaved_file *files, size_t n);

/* The IR of cmd when a valid entry exists, else NULL. */
struct pf_ir_tu *pf_cache_load(struct pf_cache *c, const struct pf_compile_command *cmd);
/* Stores tu for cmd (atomically: a reader never sees half an entry). */
void pf_cache_store(struct pf_cache *c, const struct pf_compile_command *cmd,
                    const struct pf_ir_tu *tu);
unsigned pf_cache_hits(const struct pf_cache *c);

/* What a load or store of this cache found of path, a file a unit read:
 * its content hash and size, and its stat taken before the content was
 * read. False when path was not read from disk by this cache (unread,
 * unreadable, or replaced by an unsaved file). */
struct stat;
bool pf_cache_file_info(struct pf_cache *c, const char *path, uint64_t *hash, int64_t *size,
                        struct stat *st);

/* The 128-bit key of a compile command (its folder, file and arguments),
 * the same for every run and every cache. */
void pf_cache_command_key(const struct pf_compile_command *cmd, uint64_t key[2]);

/* Makes dir and its missing parents, as mkdir -p. Returns 0 or -1 (errno). */
int pf_cache_make_dirs(const char *dir);

/* Sharding: writes tu to DIR/<key>.pfir. Returns 0, or -1 with a message
 * naming the file. The link phase reads such folders with pf_units_load
 * (driver/units.h). */
int pf_ir_dir_emit(const char *dir, const struct pf_compile_command *cmd, const struct pf_ir_tu *tu,
                   struct pf_error *err);

#endif
