/*
 * The IR of a program's translation units held in memory between checks,
 * for the language server. The server loads it from the IR cache once the
 * first analysis has filled the cache, one unit at a time between messages,
 * and forks each analysis with it: the check links the held units as they
 * are (the fork's copy is its own, copy-on-write) and parses or reads from
 * the cache only the others. A held unit is the version on disk of every
 * file it read. It is dropped when one of them changes on disk (found by a
 * stat of each before an analysis, or named by the editor), and a check
 * leaves it aside while an unsaved buffer replaces one of its files with
 * other content.
 */
#ifndef PF_HELD_H
#define PF_HELD_H

#include <stdbool.h>
#include <stddef.h>

#include "compdb/compdb.h"
#include "ir/ir.h"
#include "util/unsaved.h"

struct pf_check_options;
struct pf_held;

/* An empty set; freed, with every unit it holds, by pf_held_free. */
struct pf_held *pf_held_new(void);
void pf_held_free(struct pf_held *h);

/* Starts a pass that loads, from the IR cache a check with o would use,
 * the units of o's compile database (with -p or the config's build_dir;
 * nothing without one) that are not held yet. Units no longer in the
 * database are dropped. Returns the number of units the pass will try. */
size_t pf_held_begin(struct pf_held *h, const struct pf_check_options *o);
/* Loads the next unit of the pass. Returns false when the pass is over
 * (then pf_held_count says how many are held). */
bool pf_held_step(struct pf_held *h);
bool pf_held_loading(const struct pf_held *h);
/* Units held, and units of the compile database of the last pass. */
size_t pf_held_count(const struct pf_held *h, size_t *total);

/* Drops every unit that read a file changed on disk since it was loaded
 * (its stat differs), and every unit when the compile database changed.
 * Returns the number dropped. */
size_t pf_held_refresh(struct pf_held *h);
/* Drops every unit that read path (the editor says it changed on disk).
 * Returns the number dropped. */
size_t pf_held_forget(struct pf_held *h, const char *path);

/* A check's view of the held units: those none of whose files an unsaved
 * buffer replaces with other content. */
struct pf_held_view;
struct pf_held_view *pf_held_view_new(const struct pf_held *h,
                                      const struct pf_unsaved_file *unsaved, size_t nunsaved);
/* The held unit of cmd (owned by the set, never freed by the check), or
 * NULL to parse or load it. Thread-safe. */
struct pf_ir_tu *pf_held_view_find(const struct pf_held_view *v,
                                   const struct pf_compile_command *cmd);
void pf_held_view_free(struct pf_held_view *v);

/* The IR cache a check with o uses (driver.c), or NULL when it has none. */
struct pf_cache;
struct pf_config;
struct pf_cache *pf_driver_open_cache(const struct pf_check_options *o, const struct pf_config *cfg,
                                      const char *build_dir);

#endif
