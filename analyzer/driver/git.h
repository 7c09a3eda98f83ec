/*
 * What a commit gate needs from git: the staged content of the files that
 * differ from the work tree, and the version at a revision of the files
 * that differ from it, each as contents that replace the files on disk for
 * one run (struct pf_unsaved_file), so that the analysis sees what is
 * committed, or what the base revision held, without touching the work
 * tree. git itself is run (as the pre-commit framework does), not
 * re-implemented.
 */
#ifndef PF_GIT_H
#define PF_GIT_H

#include <stdbool.h>
#include <stddef.h>

#include "compdb/compdb.h"

/* File contents and the files that do not exist in a version. Owns every
 * string; freed with pf_unsaved_set_free. */
struct pf_unsaved_set {
	struct pf_unsaved_file *v;
	size_t n, cap;
	char **absent; /* absolute paths of files this version does not have */
	size_t nabsent, capabsent;
};

void pf_unsaved_set_free(struct pf_unsaved_set *s);
/* The entry for path (absolute, normalized), or NULL. */
const struct pf_unsaved_file *pf_unsaved_set_find(const struct pf_unsaved_set *s, const char *path);
bool pf_unsaved_set_absent(const struct pf_unsaved_set *s, const char *path);

/* The index: the staged content of every file whose work tree copy differs
 * from it, and as absent the files whose deletion is staged. Returns 0, or
 * -1 with a message in err (not in a git work tree, git missing). */
int pf_git_staged(struct pf_unsaved_set *out, char *err, size_t errsize);

enum pf_git_rev {
	PF_GIT_REV_OK,     /* a commit */
	PF_GIT_REV_UNBORN, /* HEAD of a repository without commits yet */
	PF_GIT_REV_BAD,    /* not a revision, or not in a git repository */
};
enum pf_git_rev pf_git_resolve(const char *ref);

/* The version at ref of every file that differs between ref and the index
 * (staged) or the work tree, and as absent those that ref does not have.
 * Returns 0, or -1 with a message in err. */
int pf_git_revision_files(const char *ref, bool staged, struct pf_unsaved_set *out, char *err,
                          size_t errsize);

#endif
